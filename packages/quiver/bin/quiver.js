#!/usr/bin/env node
// The `quiver` command. A committed shim so the bin exists (and is executable) before the build.
import '../dist/cli/main.js';
