// IEC 60870-5-104 constants: APCI (IEC 60870-5-104 §5), ASDU type identifications and their
// information element sizes (IEC 60870-5-101 §7.2.1, §7.3), causes of transmission (§7.2.3).

/** TCP port of IEC 60870-5-104. */
export const IEC104_PORT = 2404;
/** Start octet of every APDU. */
export const IEC104_START = 0x68;
/** APDU length field range: 4 control octets up to 253. */
export const IEC104_MIN_LENGTH = 4;
export const IEC104_MAX_LENGTH = 253;

/** U-format functions by control octet 1 (§5.3). */
export const IEC104_U_FUNCTIONS: Readonly<Record<number, string>> = {
  0x07: 'startdt_act',
  0x0b: 'startdt_con',
  0x13: 'stopdt_act',
  0x23: 'stopdt_con',
  0x43: 'testfr_act',
  0x83: 'testfr_con',
};

/** How an information element is read; `time` adds a CP56Time2a after it. */
export type ElementKind =
  | 'siq' | 'diq' | 'vti' | 'bsi' | 'nva' | 'sva' | 'float' | 'bcr' | 'scd' | 'nva_noq'
  | 'sco' | 'dco' | 'rco' | 'set_nva' | 'set_sva' | 'set_float' | 'bsi_cmd'
  | 'qualifier' | 'none' | 'cp56' | 'cp16' | 'tsc' | 'param_nva' | 'param_sva' | 'param_float' | 'raw';

/** What a type does, for baselines watching commands. */
export type Iec104Operation = 'monitor' | 'command' | 'setpoint' | 'system' | 'parameter' | 'file';

/** One ASDU type: name, information element octets (time tag included), how to read it. */
export interface Iec104Type {
  name: string;
  bytes: number;
  kind: ElementKind;
  time: boolean;
  operation: Iec104Operation;
}

const t = (name: string, bytes: number, kind: ElementKind, operation: Iec104Operation, time = false): Iec104Type => ({ name, bytes, kind, time, operation });

/** ASDU types decoded (IEC 60870-5-104 §7.1 lists which of IEC 101's types 104 uses). */
export const IEC104_TYPES: Readonly<Record<number, Iec104Type>> = {
  1: t('M_SP_NA_1', 1, 'siq', 'monitor'),
  3: t('M_DP_NA_1', 1, 'diq', 'monitor'),
  5: t('M_ST_NA_1', 2, 'vti', 'monitor'),
  7: t('M_BO_NA_1', 5, 'bsi', 'monitor'),
  9: t('M_ME_NA_1', 3, 'nva', 'monitor'),
  11: t('M_ME_NB_1', 3, 'sva', 'monitor'),
  13: t('M_ME_NC_1', 5, 'float', 'monitor'),
  15: t('M_IT_NA_1', 5, 'bcr', 'monitor'),
  20: t('M_PS_NA_1', 5, 'scd', 'monitor'),
  21: t('M_ME_ND_1', 2, 'nva_noq', 'monitor'),
  30: t('M_SP_TB_1', 8, 'siq', 'monitor', true),
  31: t('M_DP_TB_1', 8, 'diq', 'monitor', true),
  32: t('M_ST_TB_1', 9, 'vti', 'monitor', true),
  33: t('M_BO_TB_1', 12, 'bsi', 'monitor', true),
  34: t('M_ME_TD_1', 10, 'nva', 'monitor', true),
  35: t('M_ME_TE_1', 10, 'sva', 'monitor', true),
  36: t('M_ME_TF_1', 12, 'float', 'monitor', true),
  37: t('M_IT_TB_1', 12, 'bcr', 'monitor', true),
  38: t('M_EP_TD_1', 10, 'raw', 'monitor', true),
  39: t('M_EP_TE_1', 11, 'raw', 'monitor', true),
  40: t('M_EP_TF_1', 11, 'raw', 'monitor', true),
  45: t('C_SC_NA_1', 1, 'sco', 'command'),
  46: t('C_DC_NA_1', 1, 'dco', 'command'),
  47: t('C_RC_NA_1', 1, 'rco', 'command'),
  48: t('C_SE_NA_1', 3, 'set_nva', 'setpoint'),
  49: t('C_SE_NB_1', 3, 'set_sva', 'setpoint'),
  50: t('C_SE_NC_1', 5, 'set_float', 'setpoint'),
  51: t('C_BO_NA_1', 4, 'bsi_cmd', 'command'),
  58: t('C_SC_TA_1', 8, 'sco', 'command', true),
  59: t('C_DC_TA_1', 8, 'dco', 'command', true),
  60: t('C_RC_TA_1', 8, 'rco', 'command', true),
  61: t('C_SE_TA_1', 10, 'set_nva', 'setpoint', true),
  62: t('C_SE_TB_1', 10, 'set_sva', 'setpoint', true),
  63: t('C_SE_TC_1', 12, 'set_float', 'setpoint', true),
  64: t('C_BO_TA_1', 11, 'bsi_cmd', 'command', true),
  70: t('M_EI_NA_1', 1, 'qualifier', 'system'),
  100: t('C_IC_NA_1', 1, 'qualifier', 'system'),
  101: t('C_CI_NA_1', 1, 'qualifier', 'system'),
  102: t('C_RD_NA_1', 0, 'none', 'system'),
  103: t('C_CS_NA_1', 7, 'cp56', 'system'),
  105: t('C_RP_NA_1', 1, 'qualifier', 'system'),
  106: t('C_CD_NA_1', 2, 'cp16', 'system'),
  107: t('C_TS_TA_1', 9, 'tsc', 'system', true),
  110: t('P_ME_NA_1', 3, 'param_nva', 'parameter'),
  111: t('P_ME_NB_1', 3, 'param_sva', 'parameter'),
  112: t('P_ME_NC_1', 5, 'param_float', 'parameter'),
  113: t('P_AC_NA_1', 1, 'qualifier', 'parameter'),
  120: t('F_FR_NA_1', 6, 'raw', 'file'),
  121: t('F_SR_NA_1', 7, 'raw', 'file'),
  122: t('F_SC_NA_1', 4, 'raw', 'file'),
  123: t('F_LS_NA_1', 5, 'raw', 'file'),
  124: t('F_AF_NA_1', 4, 'raw', 'file'),
  126: t('F_DR_TA_1', 13, 'raw', 'file'),
  127: t('F_SC_NB_1', 16, 'raw', 'file'),
};

/** Type 125 (F_SG_NA_1, file segment) has a length octet and is read separately. */
export const IEC104_FILE_SEGMENT = 125;

/** Causes of transmission (IEC 60870-5-101 §7.2.3). */
export const IEC104_CAUSES: Readonly<Record<number, string>> = {
  1: 'per_cyc',
  2: 'back',
  3: 'spont',
  4: 'init',
  5: 'req',
  6: 'act',
  7: 'actcon',
  8: 'deact',
  9: 'deactcon',
  10: 'actterm',
  11: 'retrem',
  12: 'retloc',
  13: 'file',
  20: 'inrogen',
  37: 'reqcogen',
  44: 'unknown_type',
  45: 'unknown_cause',
  46: 'unknown_asdu_address',
  47: 'unknown_object_address',
};
