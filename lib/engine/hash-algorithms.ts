/** The algorithms of States.Hash and JSONata's $hash, by Step Functions' name, as node:crypto names them. */
export const hashAlgorithms: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
