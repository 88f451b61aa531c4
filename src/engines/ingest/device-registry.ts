// Which devices exist (from the city model) and the MQTT credential of each: username = asset id,
// password = 32 random bytes shown once. A field gateway (a street-light segment controller, a
// LoRaWAN network server) may hold one credential `gateway:<name>` for the devices behind it. Only a salted HMAC-SHA256 of the password is kept, in the
// store's state; a 256-bit random secret needs no slow password hash. Checks are constant-time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Asset, CityModel } from '../../domain/index.js';
import type { StateStore } from '../../platform/store/index.js';
import { ingestUnknownDevice } from './errors.js';

/** State namespace of stored credentials. */
export const CREDENTIALS_NAMESPACE = 'ingest.mqtt-credentials';
const PLATFORM_PREFIX = 'platform:';
const GATEWAY_PREFIX = 'gateway:';

/**
 * Who is on the other end of a connection: one device; a gateway speaking for the devices behind it
 * (each on its own topics only); or a platform service allowed everything.
 */
export type Principal =
  | { kind: 'device'; asset: Asset }
  | { kind: 'gateway'; name: string; assets: ReadonlyMap<string, Asset> }
  | { kind: 'platform'; name: string };

/** What the store keeps for one credential. */
interface StoredCredential {
  salt: string;
  hash: string;
  issuedTs: number;
  /** Devices behind a gateway credential. */
  assets?: string[];
}

/** A freshly issued credential; the password is never stored and cannot be shown again. */
export interface IssuedCredential {
  username: string;
  password: string;
}

function digest(salt: Buffer, password: Buffer | string): Buffer {
  return createHmac('sha256', salt).update(password).digest();
}

/** The devices of the city and their credentials. */
export class DeviceRegistry {
  private readonly credentials = new Map<string, { salt: Buffer; hash: Buffer; gateway?: ReadonlyMap<string, Asset> }>();
  private readonly byAddress = new Map<string, Asset>();
  private readonly revokedListeners: Array<(username: string) => void> = [];
  private readonly rotatedListeners: Array<(assetId: string) => void> = [];

  private constructor(
    readonly city: CityModel,
    private readonly state: StateStore,
    private readonly now: () => number,
  ) {
    for (const a of city.city.assets) {
      if (a.network.ip) this.byAddress.set(a.network.ip, a);
      if (a.network.hostname) this.byAddress.set(a.network.hostname.toLowerCase(), a);
    }
  }

  /** Loads the stored credentials of the city's devices and platform services. */
  static async open(city: CityModel, state: StateStore, now: () => number = Date.now): Promise<DeviceRegistry> {
    const registry = new DeviceRegistry(city, state, now);
    for (const { key, value } of await state.list<StoredCredential>(CREDENTIALS_NAMESPACE)) {
      const cred = { salt: Buffer.from(value.salt, 'base64'), hash: Buffer.from(value.hash, 'base64') };
      // A gateway keeps only the devices the city still has.
      const gateway = value.assets ? registry.assetMap(value.assets.filter((id) => city.assets.has(id))) : undefined;
      registry.credentials.set(key, gateway ? { ...cred, gateway } : cred);
    }
    return registry;
  }

  /** The asset with this id, if the city has it. */
  asset(id: string): Asset | undefined {
    return this.city.assets.get(id);
  }

  /** The asset whose declared IP address or hostname (case-insensitive) is `address`. */
  assetByAddress(address: string): Asset | undefined {
    return this.byAddress.get(address) ?? this.byAddress.get(address.toLowerCase());
  }

  /** Whether a username has a credential. */
  hasCredential(username: string): boolean {
    return this.credentials.has(username);
  }

  /** Issues (or replaces) a device's credential. A replaced credential stops working at once. */
  async issue(assetId: string): Promise<IssuedCredential> {
    if (!this.city.assets.has(assetId)) throw ingestUnknownDevice(assetId);
    return this.store(assetId);
  }

  /** Issues a credential for every device of the city; returns them by asset id. */
  async issueAll(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of this.city.assets.keys()) out.set(id, (await this.store(id)).password);
    return out;
  }

  /** Issues a platform credential (publishes commands to any device, reads every topic). */
  async issuePlatform(name: string): Promise<IssuedCredential> {
    return this.store(`${PLATFORM_PREFIX}${name}`);
  }

  /** Issues a gateway credential (`gateway:<name>`) that may speak for the given devices only. */
  async issueGateway(name: string, assetIds: readonly string[]): Promise<IssuedCredential> {
    for (const id of assetIds) if (!this.city.assets.has(id)) throw ingestUnknownDevice(id);
    return this.store(`${GATEWAY_PREFIX}${name}`, [...new Set(assetIds)]);
  }

  /** Replaces a device's credential and disconnects the client using the old one. */
  async rotate(assetId: string): Promise<IssuedCredential> {
    const issued = await this.issue(assetId);
    this.notifyRevoked(assetId);
    for (const listener of this.rotatedListeners) listener(assetId);
    return issued;
  }

  /** Calls `listener` with the asset id after a device's credential was rotated (e.g. to rotate its other keys too). */
  onRotated(listener: (assetId: string) => void): void {
    this.rotatedListeners.push(listener);
  }

  /** Removes a credential (device or `platform:<name>`) and disconnects its client. */
  async revoke(username: string): Promise<void> {
    this.credentials.delete(username);
    await this.state.delete(CREDENTIALS_NAMESPACE, username);
    this.notifyRevoked(username);
  }

  /** Calls `listener` with the username whenever a credential is rotated or revoked. */
  onRevoked(listener: (username: string) => void): void {
    this.revokedListeners.push(listener);
  }

  /** Checks a login; returns the principal, or undefined for an unknown user or a wrong password. */
  verify(username: string | undefined, password: Buffer | string | undefined): Principal | undefined {
    if (username === undefined || password === undefined) return undefined;
    const cred = this.credentials.get(username);
    if (!cred) return undefined;
    if (!timingSafeEqual(digest(cred.salt, password), cred.hash)) return undefined;
    if (username.startsWith(PLATFORM_PREFIX)) return { kind: 'platform', name: username.slice(PLATFORM_PREFIX.length) };
    if (cred.gateway) return { kind: 'gateway', name: username.slice(GATEWAY_PREFIX.length), assets: cred.gateway };
    const asset = this.city.assets.get(username);
    return asset ? { kind: 'device', asset } : undefined;
  }

  private async store(username: string, gatewayAssets?: string[]): Promise<IssuedCredential> {
    const password = randomBytes(32).toString('base64url');
    const salt = randomBytes(16);
    const hash = digest(salt, password);
    await this.state.put<StoredCredential>(CREDENTIALS_NAMESPACE, username, {
      salt: salt.toString('base64'),
      hash: hash.toString('base64'),
      issuedTs: this.now(),
      ...(gatewayAssets ? { assets: gatewayAssets } : {}),
    });
    this.credentials.set(username, gatewayAssets ? { salt, hash, gateway: this.assetMap(gatewayAssets) } : { salt, hash });
    return { username, password };
  }

  private assetMap(ids: readonly string[]): ReadonlyMap<string, Asset> {
    return new Map(ids.map((id) => [id, this.city.assets.get(id)!]));
  }

  private notifyRevoked(username: string): void {
    for (const listener of this.revokedListeners) listener(username);
  }
}
