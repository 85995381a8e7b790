// Post-link step for UDF modules: adds the qe_udf.manifest custom section from the manifest the
// module exports (docs/udf-abi.md §1). Usage: node examples/udf/embed-manifest.mjs file.wasm...
import { readFileSync, writeFileSync } from 'node:fs';
import { embedManifestSection } from '@quiver/udf';

for (const file of process.argv.slice(2)) writeFileSync(file, await embedManifestSection(readFileSync(file)));
