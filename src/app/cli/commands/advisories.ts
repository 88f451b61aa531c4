// `cityguard advisories import <file>`: reads a CISA KEV catalogue or a CSAF 2.0 advisory (told
// apart by content), reports what it holds and every entry it could not use, and with `--into`
// writes it as a feed file the posture report loads. `cityguard advisories check` validates feeds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command } from 'commander';
import { stringify } from 'yaml';
import {
  feedFileFromImport,
  importAdvisoryFile,
  loadAdvisoryFeed,
  parseFeedText,
  type AdvisoryImport,
} from '../../../engines/posture/index.js';

interface ImportOptions {
  into?: string;
  json?: boolean;
}

/** Registers `cityguard advisories …`. */
export function registerAdvisoriesCommand(program: Command): Command {
  const advisories = program
    .command('advisories')
    .description('Vulnerability advisories: import CISA KEV and CSAF files, check feeds');
  advisories
    .command('import')
    .description(
      'Import a CISA KEV catalogue or a CSAF 2.0 advisory (JSON, detected by content); report counts and unusable entries',
    )
    .argument('<file>', 'e.g. known_exploited_vulnerabilities.json or icsa-23-026-02.json')
    .option(
      '--into <feed-dir>',
      'write the import as a feed file (YAML) into this folder, e.g. content/advisories/imported',
    )
    .option('--json', 'print the import summary as JSON')
    .action((file: string, o: ImportOptions) => importCommand(file, o));
  advisories
    .command('check')
    .description(
      'Load advisory feeds (folders or files) and print what each holds; exit 1 on an invalid feed',
    )
    .argument('<paths...>', 'feed folders or files, e.g. content/advisories')
    .action((paths: string[]) => check(paths));
  return advisories;
}

function summary(imp: AdvisoryImport) {
  if (imp.format === 'kev') {
    return {
      format: 'kev',
      file: imp.file,
      catalogVersion: imp.catalogVersion,
      declaredCount: imp.declaredCount,
      entries: imp.entries,
      imported: imp.facts.length,
      malformed: imp.entries - imp.facts.length,
      problems: imp.problems,
    };
  }
  return {
    format: 'csaf',
    file: imp.file,
    advisoryId: imp.advisoryId,
    title: imp.title,
    products: imp.products.length,
    vulnerabilities: imp.vulnerabilities,
    facts: imp.facts.length,
    skipped: imp.skipped.length,
    malformed: imp.problems.length,
    skippedEntries: imp.skipped,
    problems: imp.problems,
  };
}

function importCommand(file: string, o: ImportOptions): void {
  const imp = importAdvisoryFile(file);
  let written: string | undefined;
  if (o.into) {
    const feed = feedFileFromImport(imp, new Date().toISOString().slice(0, 10));
    const name =
      imp.format === 'kev' ? `kev-${imp.catalogVersion ?? 'catalogue'}` : imp.advisoryId.toLowerCase();
    written = join(o.into, `${name.replace(/[^a-z0-9.-]+/gi, '-')}.yaml`);
    const text = `# Imported by \`cityguard advisories import ${file}\`; format: AdvisoryFeedFile (src/domain/advisory.ts).\n${stringify(feed, { lineWidth: 0 })}`;
    parseFeedText(text, written); // refuse to write a feed the report could not load
    mkdirSync(o.into, { recursive: true });
    writeFileSync(written, text);
  }
  const s = summary(imp);
  if (o.json) {
    console.log(JSON.stringify({ ...s, written: written ?? null }, null, 2));
  } else {
    for (const line of describe(imp)) console.log(line);
    if (written) console.log(`written: ${written}`);
  }
  const usable = imp.facts.length > 0;
  if (!usable) process.exitCode = 1;
}

function describe(imp: AdvisoryImport): string[] {
  const list = (title: string, items: ReadonlyArray<{ where: string; message: string }>) =>
    items.length === 0
      ? []
      : [
          `${title}:`,
          ...items.slice(0, 25).map((p) => `  ${p.where}: ${p.message}`),
          ...(items.length > 25 ? [`  … ${items.length - 25} more`] : []),
        ];
  if (imp.format === 'kev') {
    return [
      `${imp.file}: CISA KEV catalogue ${imp.catalogVersion ?? '(no version)'} — ${imp.entries} entries${imp.declaredCount !== undefined ? ` (count says ${imp.declaredCount})` : ''}`,
      `  imported ${imp.facts.length}, malformed ${imp.entries - imp.facts.length}`,
      ...list('problems', imp.problems),
    ];
  }
  return [
    `${imp.file}: CSAF ${imp.advisoryId} "${imp.title}"`,
    `  ${imp.products.length} product(s) in the tree, ${imp.vulnerabilities} vulnerabilit${imp.vulnerabilities === 1 ? 'y' : 'ies'} → ${imp.facts.length} fact(s); ${imp.skipped.length} skipped, ${imp.problems.length} malformed`,
    ...imp.products.map(
      (p) =>
        `  product: ${p.vendor} / ${p.product} / ${p.versions.join(' ; ')}${p.note ? `  (${p.note})` : ''}`,
    ),
    ...list('skipped (not used for matching)', imp.skipped),
    ...list('malformed', imp.problems),
  ];
}

function check(paths: string[]): void {
  const feed = loadAdvisoryFeed(paths);
  for (const s of feed.sources) {
    console.log(
      `${s.file}: ${s.kind} "${s.label}" — ${s.facts} fact(s)${s.skipped ? `, ${s.skipped} skipped` : ''}${s.problems ? `, ${s.problems} malformed` : ''}`,
    );
  }
  console.log(
    `${feed.facts.length} advisory facts, ${feed.endOfLife.length} end-of-life entries, ${feed.kev.size} KEV entries: valid`,
  );
}
