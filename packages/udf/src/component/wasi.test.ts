import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, QuiverError } from '@quiver/common';
import { filesystemDummyComponent, socketsComponent, WASI_FILESYSTEM_WIT, wasiComponentGuest } from '../testing/wasi-component-guest.js';
import { GuestLog } from '../wasm/host-imports.js';
import { ComponentUdfModule } from './component-module.js';
import { ComponentScalarFunction } from './scalar-udf.js';
import { wasiImports } from './wasi.js';

/** What `fn` throws (jco turns a thrown `error-code` string into the `err` result). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return 'nothing thrown';
}

const i32 = (v: number[]) => ({ kind: 'array' as const, data: arrow.vectorFromArray(v, new arrow.Int32()).data[0]! });

describe('the WASI preview2 subset of UDF components', () => {
  it('runs a component importing wasi:random and wasi:cli/stdout: host randomness, stdout into the log', async () => {
    const module = await ComponentUdfModule.load(await wasiComponentGuest(), { name: 'wasi.wasm' });
    const fn = (name: string) => new ComponentScalarFunction(module, module.manifest.functions.find((f) => f.name === name)!);
    expect(fn('dice').volatility).toBe('volatile');
    const dice = [...new arrow.Vector([fn('dice').invoke([i32([0, 0, 0, 0, 0, 0, 0, 0])], 8, DataTypes.float64)])] as number[];
    expect(dice.every((d) => Number.isInteger(d) && d >= 0 && d < 65536)).toBe(true);
    expect(new Set(dice).size).toBeGreaterThan(1);
    expect(() => fn('speak').invoke([{ kind: 'scalar', value: { type: DataTypes.float64, value: 1 } }], 1, DataTypes.float64)).toThrow(
      /^function speak\(float64\) -> float64 \(wasi\.wasm\) failed: spoke; guest log: hello from stdout$/,
    );
  });

  it('gives no environment, no arguments, frozen clocks, a closed stdin; exit fails the call', () => {
    const log = new GuestLog();
    const wasi = wasiImports(log) as Record<string, Record<string, (...a: never[]) => unknown>>;
    expect(wasi['wasi:cli/environment']!.getEnvironment!()).toEqual([]);
    expect(wasi['wasi:cli/environment']!.getArguments!()).toEqual([]);
    expect(wasi['wasi:cli/environment']!.initialCwd!()).toBeUndefined();
    const wall = wasi['wasi:clocks/wall-clock']!.now!();
    expect(wasi['wasi:clocks/wall-clock']!.now!()).toEqual(wall);
    expect(wasi['wasi:clocks/monotonic-clock']!.now!()).toBe(0n);
    const stdin = wasi['wasi:cli/stdin']!.getStdin!() as { read(): unknown };
    expect(() => stdin.read()).toThrow(expect.objectContaining({ tag: 'closed' }));
    expect(wasi['wasi:cli/terminal-stdout']!.getTerminalStdout!()).toBeUndefined();
    expect(wasi['wasi:random/random']!.getRandomBytes!(5n as never)).toHaveLength(5);
    expect(() => wasi['wasi:cli/exit']!.exit!({ tag: 'err' } as never)).toThrow('the guest called exit (failure)');
    const stderr = wasi['wasi:cli/stderr']!.getStderr!() as { blockingWriteAndFlush(b: Uint8Array): void };
    stderr.blockingWriteAndFlush(new TextEncoder().encode('to stderr'));
    expect(log.suffix()).toBe('; guest log: to stderr');
  });

  it('runs a component importing wasi:filesystem (types and preopens): it sees no preopened directories', async () => {
    const module = await ComponentUdfModule.load(await wasiComponentGuest(), { name: 'wasi.wasm' });
    const preopens = new ComponentScalarFunction(module, module.manifest.functions.find((f) => f.name === 'preopens')!);
    const out = preopens.invoke([{ kind: 'scalar', value: { type: DataTypes.float64, value: 1 } }], 3, DataTypes.float64);
    expect([...new arrow.Vector([out])]).toEqual([0, 0, 0]);
    // Importing every function of wasi:filesystem links too: the load gets as far as the dummy's trapping manifest().
    await expect(ComponentUdfModule.load(await filesystemDummyComponent(), { name: 'fs.wasm' })).rejects.toThrow(/^fs\.wasm: manifest\(\) trapped: .*unreachable/);
  });

  it('gives wasi:filesystem no directories; every descriptor method of the WIT fails with access, is-same-object is false', () => {
    const wasi = wasiImports(new GuestLog());
    expect((wasi['wasi:filesystem/preopens']!.getDirectories as () => unknown)()).toEqual([]);
    const types = wasi['wasi:filesystem/types']! as Record<string, new () => Record<string, () => unknown>> & { filesystemErrorCode(): unknown };
    expect(types.filesystemErrorCode()).toBeUndefined();
    const methods = (resource: string) => {
      const body = new RegExp(`resource ${resource} \\{([^}]*)\\}`).exec(WASI_FILESYSTEM_WIT)![1]!;
      return [...body.matchAll(/([a-z-]+): func/g)].map((m) => m[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
    };
    const descriptor = Object.create(types.Descriptor!.prototype) as Record<string, () => unknown>;
    expect(methods('descriptor')).toHaveLength(27);
    for (const name of methods('descriptor').filter((m) => m !== 'isSameObject')) expect(thrown(() => descriptor[name]!()), name).toBe('access');
    expect(descriptor.isSameObject!()).toBe(false);
    const entries = Object.create(types.DirectoryEntryStream!.prototype) as Record<string, () => unknown>;
    expect(methods('directory-entry-stream')).toEqual(['readDirectoryEntry']);
    expect(thrown(() => entries.readDirectoryEntry!())).toBe('access');
  });

  it('rejects a component importing wasi:sockets, naming the interface', async () => {
    const err = await ComponentUdfModule.load(await socketsComponent(), { name: 'net.wasm' }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(QuiverError);
    expect((err as QuiverError).message).toMatch(
      /^net\.wasm: forbidden import wasi:sockets\/instance-network \(sockets are not available to UDFs\); a UDF component may import only quiver:udf\/logging and the deterministic WASI subset/,
    );
  });
});
