// One speed stage timed in a process of its own (see speed.ts); run.ts starts one per stage and
// reads the StageSpeed it prints. Usage: npx tsx bench/detect-network/speed-stage.ts <dir> <stage> <repeat>
import { loadLemay } from './lemay.js';
import { STAGES, stageInput, timeStage, type StageId } from './speed.js';

const [dir, id, repeat] = process.argv.slice(2);
const stage = STAGES[id as StageId];
const captures = dir ? loadLemay(dir) : undefined;
if (!stage || !captures || !(Number(repeat) >= 1)) {
  console.error(`usage: speed-stage.ts <lemay-modbus dir> <${Object.keys(STAGES).join('|')}> <repeat>`);
  process.exit(2);
}
const input = stageInput(captures);
console.log(JSON.stringify(timeStage(stage.title, Number(repeat), stage.run(input))));
