/**
 * The part of electron-builder's configuration that comes from code: the Electron fuses,
 * from the shell's table (electron/shell/fuses.ts). package.json's "build" extends this
 * file; electron-builder loads a TypeScript configuration file itself, so the table has
 * no copy to drift from.
 */
import type { Configuration } from 'electron-builder';
import { builderFuses, type FuseName } from '../electron/shell/fuses.js';

// Every name in the table must be one electron-builder knows: the type check fails otherwise.
type KnownFuse = keyof NonNullable<Configuration['electronFuses']>;
const allKnown: FuseName extends KnownFuse ? true : never = true;
void allKnown;

export default { electronFuses: builderFuses() } satisfies Configuration;
