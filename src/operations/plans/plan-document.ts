// A plan as a list of blocks (headings, paragraphs, lists, tables, checklists), rendered to
// Markdown and to printable HTML from the same blocks so the two never say different things.

/** One block of a document. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; headers: string[]; rows: string[][] }
  | { kind: 'checklist'; items: string[] };

/** A titled document. */
export interface PlanDocument {
  title: string;
  subtitle: string;
  blocks: Block[];
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

/** GitHub-flavoured Markdown. */
export function toMarkdown(doc: PlanDocument): string {
  const out: string[] = [`# ${doc.title}`, '', doc.subtitle, ''];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level + 1)} ${b.text}`, '');
        break;
      case 'paragraph':
        out.push(b.text, '');
        break;
      case 'list':
        b.items.forEach((item, i) => out.push(`${b.ordered ? `${i + 1}.` : '-'} ${item}`));
        out.push('');
        break;
      case 'table':
        out.push(`| ${b.headers.map(mdCell).join(' | ')} |`, `| ${b.headers.map(() => '---').join(' | ')} |`);
        for (const r of b.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
        out.push('');
        break;
      case 'checklist':
        for (const item of b.items) out.push(`- [ ] ${item}`);
        out.push('');
        break;
    }
  }
  return out.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PRINT_CSS = `
body{font:11pt/1.45 "Source Sans Pro","Segoe UI",Arial,sans-serif;color:#111;max-width:52em;margin:2em auto;padding:0 1em}
h1{font-size:20pt;margin:0}h2{font-size:15pt;border-bottom:1px solid #999;margin-top:1.6em}h3{font-size:12pt}
.subtitle{color:#444;margin:.3em 0 1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:10pt}th,td{border:1px solid #999;padding:.25em .4em;vertical-align:top;text-align:left}
th{background:#eee}ul.check{list-style:none;padding-left:1em}ul.check li::before{content:"\\2610  "}
@page{size:A4;margin:18mm}
@media print{body{margin:0;max-width:none}h2{break-before:page}h2:first-of-type{break-before:auto}table,li{break-inside:avoid}a{color:inherit}}
`;

/** A standalone HTML page that prints cleanly on A4 (each chapter on a new page). */
export function toHtml(doc: PlanDocument): string {
  const body: string[] = [`<h1>${esc(doc.title)}</h1>`, `<p class="subtitle">${esc(doc.subtitle)}</p>`];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        body.push(`<h${b.level + 1}>${esc(b.text)}</h${b.level + 1}>`);
        break;
      case 'paragraph':
        body.push(`<p>${esc(b.text)}</p>`);
        break;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        body.push(`<${tag}>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'table':
        body.push(
          `<table><thead><tr>${b.headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${esc(c).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
        break;
      case 'checklist':
        body.push(`<ul class="check">${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
        break;
    }
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${PRINT_CSS}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
