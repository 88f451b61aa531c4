// Fits the configured models on a learning set, and rebuilds fitted models from snapshots by name.
import { AutoencoderEnsemble, fitAutoencoderEnsemble, type EnsembleParams } from './autoencoder-ensemble.js';
import { ControlRules, fitControlRules, type ControlRuleParams } from './control-rules.js';
import { CrossSignalRegression, fitCrossSignalRegression, type RegressionParams } from './cross-signal-regression.js';
import type { ModelName, ResolvedConfig } from './detector-config.js';
import { invalidSnapshot } from './errors.js';
import { fitPcaResidual, PcaResidual, type PcaParams } from './pca-residual.js';
import type { LearningSet, ModelJson, ScoringModel } from './scoring-model.js';
import { fitSignalEnvelope, SignalEnvelope, type EnvelopeParams } from './signal-envelope.js';
import { fitStateConsistency, StateConsistency, type StateParams } from './state-consistency.js';
import { fitSwitchLevels, SwitchLevels, type SwitchParams } from './switch-levels.js';

/** Fits each configured model, in the configured order. */
export function fitModels(config: ResolvedConfig, set: LearningSet, resolution: Float64Array): ScoringModel[] {
  const fitters: Record<ModelName, () => ScoringModel> = {
    'signal-envelope': () => fitSignalEnvelope(set, resolution, config.hourOfDay),
    'state-consistency': () => fitStateConsistency(set, resolution),
    'switch-levels': () => fitSwitchLevels(set, resolution),
    'control-rules': () => fitControlRules(set, config.controls, resolution),
    'cross-signal-regression': () => fitCrossSignalRegression(set, resolution),
    'pca-residual': () => fitPcaResidual(set, resolution, config.pca),
    'autoencoder-ensemble': () => fitAutoencoderEnsemble(set, resolution, config.ensemble),
  };
  return config.models.map((name) => fitters[name]());
}

/** Rebuilds a fitted model from its snapshot form. */
export function restoreModel(json: ModelJson): ScoringModel {
  const p = json.params as unknown;
  const builders: Record<ModelName, () => ScoringModel> = {
    'signal-envelope': () => new SignalEnvelope(p as EnvelopeParams, json.divisors),
    'state-consistency': () => new StateConsistency(p as StateParams, json.divisors),
    'switch-levels': () => new SwitchLevels(p as SwitchParams, json.divisors),
    'control-rules': () => new ControlRules(p as ControlRuleParams, json.divisors),
    'cross-signal-regression': () => new CrossSignalRegression(p as RegressionParams, json.divisors),
    'pca-residual': () => new PcaResidual(p as PcaParams, json.divisors),
    'autoencoder-ensemble': () => new AutoencoderEnsemble(p as EnsembleParams, json.divisors),
  };
  const build = builders[json.name as ModelName];
  if (build === undefined) throw invalidSnapshot(`unknown model "${String(json.name)}"`);
  try {
    return build();
  } catch (err) {
    throw invalidSnapshot(`model "${json.name}" has malformed parameters`, err);
  }
}
