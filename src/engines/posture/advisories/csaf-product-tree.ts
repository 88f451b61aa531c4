// Walks a CSAF 2.0 product_tree (§3.1.3): branches of vendor → product_name (or product_family)
// → product_version / product_version_range, whose leaves carry a product_id. Each leaf becomes a
// product with affected versions, a skip with its reason, or a problem with its path.
import { isObject, type CsafProduct, type ImportProblem } from './advisory-import.js';
import { readLeaf } from './csaf-product-name.js';

/** The products of a tree, and what could not be used. */
export interface ProductTreeReading {
  /** Products by product id; one id may name several models ("GX450 and ES450"). */
  readonly products: Map<string, CsafProduct[]>;
  /** Every product id the tree declares, usable or not (to tell a skipped product from an unknown id). */
  readonly declared: Set<string>;
  readonly skipped: ImportProblem[];
  readonly problems: ImportProblem[];
}

interface Step {
  readonly category: string;
  readonly name: string;
}

/** Reads the product tree of a CSAF document. */
export function readProductTree(tree: Record<string, unknown>, title: string): ProductTreeReading {
  const out: ProductTreeReading = { products: new Map(), declared: new Set(), skipped: [], problems: [] };
  walk(tree.branches, [], 'product_tree.branches', title, out);
  if (Array.isArray(tree.full_product_names) && tree.full_product_names.length > 0) {
    for (const p of tree.full_product_names as unknown[]) {
      if (isObject(p) && typeof p.product_id === 'string') out.declared.add(p.product_id);
    }
    out.skipped.push({
      where: 'product_tree.full_product_names',
      message: `${tree.full_product_names.length} product(s) listed without vendor branches; not used`,
    });
  }
  if (Array.isArray(tree.relationships) && tree.relationships.length > 0) {
    for (const r of tree.relationships) {
      if (isObject(r) && isObject(r.full_product_name) && typeof r.full_product_name.product_id === 'string')
        out.declared.add(r.full_product_name.product_id);
    }
    out.skipped.push({
      where: 'product_tree.relationships',
      message: `${tree.relationships.length} relationship(s) not used`,
    });
  }
  return out;
}

function walk(branches: unknown, path: Step[], where: string, title: string, out: ProductTreeReading): void {
  if (branches === undefined) return;
  if (!Array.isArray(branches)) {
    out.problems.push({ where, message: 'branches is not a list' });
    return;
  }
  branches.forEach((b: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(b) || typeof b.category !== 'string' || typeof b.name !== 'string') {
      out.problems.push({ where: at, message: 'branch needs text "category" and "name"' });
      return;
    }
    const steps = [...path, { category: b.category, name: b.name }];
    if (b.product !== undefined) leaf(b.product, steps, `${at}.product`, title, out);
    walk(b.branches, steps, `${at}.branches`, title, out);
  });
}

function leaf(product: unknown, steps: Step[], where: string, title: string, out: ProductTreeReading): void {
  if (!isObject(product) || typeof product.product_id !== 'string' || product.product_id === '') {
    out.problems.push({ where, message: 'product needs a text "product_id"' });
    return;
  }
  const id = product.product_id;
  if (out.declared.has(id)) {
    out.problems.push({ where, message: `product_id "${id}" declared twice; the first is kept` });
    return;
  }
  out.declared.add(id);
  const last = (category: string) => [...steps].reverse().find((s) => s.category === category)?.name;
  const vendor = last('vendor');
  const name = last('product_name') ?? last('product_family');
  const here = steps[steps.length - 1]!;
  if (!vendor || !name) {
    out.skipped.push({ where, message: `${id}: no ${vendor ? 'product name' : 'vendor'} branch above it` });
    return;
  }
  if (here.category !== 'product_version' && here.category !== 'product_version_range') {
    out.skipped.push({ where, message: `${id} (${vendor} ${name}): no affected version stated` });
    return;
  }
  const reading = readLeaf({
    vendor,
    product: name,
    versionCategory: here.category,
    version: here.name,
    title,
  });
  if (!reading.ok) {
    out.skipped.push({ where, message: `${id} (${vendor} ${name}): ${reading.reason}` });
    return;
  }
  const note =
    reading.products.length > 1 ? `one entry naming ${reading.products.length} models` : reading.note;
  out.products.set(
    id,
    reading.products.map((p) => ({
      productId: id,
      vendor,
      product: p,
      versions: reading.versions,
      ...(note ? { note } : {}),
    })),
  );
}
