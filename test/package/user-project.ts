/**
 * The files of the user's project in install.test.ts: a tsconfig as `tsc --init` makes it
 * (strict, skipLibCheck), a module in its own file with `tf` from gridfold, a search file
 * beside its CSV (string labels), a script using both, and the README's worked example.
 */

export const FLOWER_CLASSES = ['setosa', 'versicolor', 'virginica'];

/** 90 rows, 4 features, 3 string classes (30 each, as blobs), a header naming the columns. */
export function flowersCsv(): string {
  const lines = ['sepal_length,sepal_width,species,petal_length,petal_width'];
  for (let i = 0; i < 90; i++) {
    const k = i % 3;
    const wobble = (j: number) => (Math.sin(i * 2.3 + j * 1.1) * 0.4).toFixed(3);
    lines.push([1 + k + Number(wobble(0)), 3 - k + Number(wobble(1)), FLOWER_CLASSES[[2, 0, 1][k]], 2 * k + Number(wobble(2)), k + Number(wobble(3))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const MODULE = `// The user's own model, in a file of its own (worker threads import it to rebuild the model).
import { defineModule, tf } from 'gridfold';

export const flowers = defineModule('flowers-mlp', ({ params, inputShape, outputUnits, seed }) => {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape, units: params.units as number, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed }) }));
  model.add(tf.layers.dense({ units: outputUnits, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return model;
}, { defaults: { units: 8 } });
`;

const SEARCH = `import { defineSearch } from 'gridfold';
import { flowers } from './flowers-module.js';

export default defineSearch({
  name: 'user-flowers',
  data: { dataset: 'csv', path: 'flowers.csv', target: 'species' },   // beside this file
  estimator: { kind: 'classifier', params: { module: flowers, optimizer: 'adam', lr: 0.05, batchSize: 16, maxEpochs: 1, seed: 0 } },
  paramGrid: { 'module.units': [4, 8] },
  cv: 3,
  nJobs: 2,
});
`;

const LABELS = `// The same data and module from code: predict gives the CSV's labels back.
import { GridSearchCV, NeuralNetClassifier, loadCsv } from 'gridfold';
import { flowers } from './exp/flowers-module.js';

const data = loadCsv('exp/flowers.csv', { target: 'species' });
const y: string[] = Array.from(data.y, (id) => String(data.classes![id]));
const rows: number[][] = Array.from({ length: data.shape[0] }, (_, i) => Array.from(data.X.subarray(i * 4, i * 4 + 4)));
const search = new GridSearchCV(new NeuralNetClassifier({ module: flowers, maxEpochs: 1, batchSize: 16, seed: 0 }), { lr: [0.01, 0.1] }, { cv: 3, nJobs: 2 });
await search.fit(rows, y);
const best = search.bestEstimator!;
const predictions = await best.predict(rows);
const probabilities: Float32Array = await best.predictProba(rows);
if (probabilities.length !== rows.length * best.classes.length) throw new Error('predictProba has one column per class');
console.log(JSON.stringify({ classes: best.classes, predictions: Array.from(predictions) }));
`;

const BEST = `// The model \`gridfold run\` saved: it predicts the CSV's labels.
import { NeuralNetClassifier, loadCsv } from 'gridfold';

const data = loadCsv('exp/flowers.csv', { target: 'species' });
const best = await NeuralNetClassifier.load('reports/user-flowers/best-model');
console.log(JSON.stringify({ classes: best.classes, predictions: Array.from(await best.predict({ data: data.X, shape: data.shape })) }));
`;

const TSCONFIG = `${JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true,
    esModuleInterop: true, noEmit: true, types: ['node'],
  },
  include: ['*.ts', 'exp/*.ts'],
}, null, 2)}\n`;

export const PROJECT_FILES: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'labels.ts': LABELS,
  'best.ts': BEST,
  'exp/flowers-module.ts': MODULE,
  'exp/search.ts': SEARCH,
};

/** The README's worked example, as printed under "A worked example in code". */
export function readmeExample(readme: string): string {
  const section = readme.indexOf('## A worked example in code');
  const start = readme.indexOf('```ts\n', section);
  const end = readme.indexOf('```', start + 6);
  if (section < 0 || start < 0 || end < 0) throw new Error('README: no worked example found');
  return readme.slice(start + 6, end);
}

/** The example made tiny (300 digits, one epoch), with a last line saying what it produced. */
export function runnableExample(example: string): string {
  const replace = (text: string, from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`README example: no "${from}" to make the run tiny`);
    return text.replace(from, to);
  };
  let tiny = replace(example, 'await loadMnist()', 'await loadMnist({ limit: 300 })');
  tiny = replace(tiny, 'maxEpochs: 25', 'maxEpochs: 1');
  tiny = replace(tiny, 'await best.predict(X);', 'const predictions = await best.predict(X);');
  return `${tiny}
import { existsSync } from 'node:fs';
let frame = '';
try {
  search.resultsFrame();
} catch (error) {
  frame = (error as Error).message;
}
console.log(JSON.stringify({ predictions: predictions.length, frame, report: existsSync('reports/my-search/index.html') }));
`;
}
