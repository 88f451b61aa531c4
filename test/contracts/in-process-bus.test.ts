// Runs the Bus contract against the embedded in-process bus.
import { InProcessBus } from '../../src/platform/bus/index.js';
import { busContract } from './bus.contract.js';

busContract('InProcessBus', () => new InProcessBus());
