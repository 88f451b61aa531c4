// Every subcommand of `cityguard`, registered in the order `--help` lists them.
// Each command lives in its own file and exports one register function.
import type { Command } from 'commander';
import { registerAnalyzeCommand } from './analyze.js';
import { registerAdvisoriesCommand } from './advisories.js';
import { registerCityCommand } from './city.js';
import { registerDemoCommand } from './demo.js';
import { registerDevicesCommand } from './devices.js';
import { registerCertsCommand } from './certs.js';
import { registerClusterCommand } from './cluster.js';
import { registerDetectCommand } from './detect.js';
import { registerDrillCommand } from './drill.js';
import { registerIncidentCommand } from './incident.js';
import { registerPlanCommand } from './plan.js';
import { registerEventsCommand } from './events.js';
import { registerLedgerCommand } from './ledger.js';
import { registerPostureCommand } from './posture.js';
import { registerProcessesCommand } from './processes.js';
import { registerRulesCommand } from './rules.js';
import { registerScenariosCommand } from './scenarios.js';
import { registerServeCommand } from './serve.js';
import { registerTokensCommand } from './tokens.js';
import { registerUsersCommand } from './users.js';
import { registerWitnessCommand } from './witness.js';
import { registerWorkerCommand } from './worker.js';

/** Adds all subcommands to the program. */
export function registerCommands(program: Command): void {
  registerDemoCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerClusterCommand(program);
  registerEventsCommand(program);
  registerIncidentCommand(program);
  registerProcessesCommand(program);
  registerCityCommand(program);
  registerDevicesCommand(program);
  registerTokensCommand(program);
  registerUsersCommand(program);
  registerRulesCommand(program);
  registerScenariosCommand(program);
  registerDetectCommand(program);
  registerAnalyzeCommand(program);
  registerLedgerCommand(program);
  registerWitnessCommand(program);
  registerCertsCommand(program);
  registerDrillCommand(program);
  registerPlanCommand(program);
  registerPostureCommand(program);
  registerAdvisoriesCommand(program);
}
