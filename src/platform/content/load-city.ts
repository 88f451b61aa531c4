// Loads a city file into a CityModel: YAML → schema → semantic checks → frozen, indexed model.
import { City, CityModel, checkCity } from '../../domain/index.js';
import { loadContentFile, loadContentText } from './load-content.js';

/** Loads and checks a city file from disk; throws CG_CONTENT_INVALID listing every problem by line. */
export function loadCityFile(path: string): CityModel {
  return new CityModel(loadContentFile<City>(path, City, checkCity));
}

/** Same as loadCityFile for YAML already in memory. */
export function loadCityText(text: string, file = 'city.yaml'): CityModel {
  return new CityModel(loadContentText<City>(text, file, City, checkCity));
}
