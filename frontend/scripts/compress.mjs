// Writes .gz (level 9) and .br (quality 11) siblings of every built text asset,
// so the Python server can send them as-is to browsers that accept them.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg"]);

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (COMPRESSIBLE.has(extname(entry.name))) yield path;
  }
}

const root = process.argv[2];
if (!root) {
  console.error("usage: node scripts/compress.mjs <build dir>");
  process.exit(2);
}
let total_gz = 0;
for await (const path of walk(root)) {
  const bytes = await readFile(path);
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  await writeFile(`${path}.gz`, gz);
  await writeFile(`${path}.br`, br);
  total_gz += gz.length;
}
console.log(`compressed assets in ${root} (all .gz together: ${total_gz} bytes)`);
