// Assets and services of the city, and its map geometry.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AssetPage, ServiceList } from '../../../contracts/index.js';
import { Asset, Service } from '../../../domain/index.js';
import type { ApiDeps } from '../api-deps.js';
import { notFound } from '../errors.js';
import { IdParams } from './query-schemas.js';

/** GET /api/assets, /api/assets/:id, /api/services, /api/services/:id, /api/city/map. */
export function inventoryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/assets',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Devices of the city, filtered',
        querystring: Type.Object({
          kind: Type.Optional(Type.String()),
          district: Type.Optional(Type.String()),
          zone: Type.Optional(Type.String()),
          search: Type.Optional(Type.String({ description: 'matches id, name, vendor, model or address' })),
        }),
        response: { 200: AssetPage },
      },
    },
    async (request) => ({ items: await deps.store.assets.list(request.query as Record<string, string>) }),
  );
  app.get(
    '/api/assets/:id',
    { schema: { tags: ['inventory'], summary: 'One device', params: IdParams, response: { 200: Asset } } },
    async (request) => {
      const { id } = request.params as { id: string };
      const asset = await deps.store.assets.get(id);
      if (!asset) throw notFound('asset', id);
      return asset;
    },
  );
  app.get(
    '/api/services',
    { schema: { tags: ['inventory'], summary: 'Public services and what they depend on', response: { 200: ServiceList } } },
    async () => ({ items: deps.city.city.services }),
  );
  app.get(
    '/api/services/:id',
    { schema: { tags: ['inventory'], summary: 'One public service', params: IdParams, response: { 200: Service } } },
    async (request) => {
      const { id } = request.params as { id: string };
      const service = deps.city.services.get(id);
      if (!service) throw notFound('service', id);
      return service;
    },
  );
  app.get(
    '/api/city/map',
    { schema: { tags: ['inventory'], summary: 'Districts and assets as a GeoJSON FeatureCollection' } },
    async () => cityGeoJson(deps),
  );
}

function cityGeoJson(deps: ApiDeps) {
  const { city } = deps.city;
  const districts = city.districts.map((d) => ({
    type: 'Feature',
    geometry: d.geometry,
    properties: { layer: 'district', id: d.id, name: d.name, population: d.population },
  }));
  const assets = city.assets.map((a) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: a.location },
    properties: { layer: 'asset', id: a.id, name: a.name, kind: a.kind, district: a.district, criticality: a.criticality },
  }));
  return { type: 'FeatureCollection', features: [...districts, ...assets] };
}
