// Content loading: YAML users edit, validated by domain schemas, located problems.
export { loadCityFile, loadCityText } from './load-city.js';
export { parseContent, loadContentText, loadContentFile, type SemanticCheck } from './load-content.js';
export { parseYamlSource, type YamlSource } from './yaml-source.js';
export { checkAgainstSchema } from './schema-check.js';
export { formatProblem, contentInvalid, type ContentProblem } from './content-problem.js';
