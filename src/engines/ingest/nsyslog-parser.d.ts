// Types for nsyslog-parser 0.10 (the package ships none): the fields cityguard reads.
declare module 'nsyslog-parser' {
  interface ParsedSyslog {
    originalMessage: string;
    pri: string;
    prival: number;
    facilityval?: number;
    levelval?: number;
    type?: 'BSD' | 'RFC5424' | 'CEF' | 'UNKNOWN';
    ts: Date;
    host?: string;
    appName?: string;
    pid?: string;
    messageid?: string;
    message: string;
  }
  function parse(line: string, options?: Record<string, unknown>): ParsedSyslog;
  export default parse;
}
