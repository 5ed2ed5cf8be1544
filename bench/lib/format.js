/**
 * One dated markdown section of bench/RESULTS.md from the JSON results of the bench
 * scripts. Pure: (run) => string.
 */

const fixed = (value, digits = 0) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–');

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function fitRate(r) {
  const builds = r.rows.some((row) => row.plainKernel !== undefined);
  const rows = r.rows.map((row) => [
    row.units, fixed(row.gridfold),
    ...(builds ? [fixed(row.plainKernel), `${fixed(row.gridfold / row.plainKernel, 2)}×`] : []),
    fixed(row.generic), fixed(row.modelFit), `${fixed(row.ratio, 2)}×`, `${fixed(row.genericRatio, 2)}×`,
    fixed(row.gflops, 1), `${fixed((100 * row.gflops) / r.matmulGflops)} %`,
  ]);
  const kernel = r.gemmBuild === 'relaxed-simd' ? "gridfold's kernel with fused multiply-add" : "gridfold's kernel";
  const small = r.rows.filter((row) => row.shares && (row.units === 32 || row.units === 64));
  const pct = (v) => `${fixed(100 * v)} %`;
  return [
    ...(small.length ? [
      `### Small-model fit rates — share of the kernel's large-matrix rate measured beside each repetition (${r.reps} repetitions, medians)`,
      '',
      goals(small.map((row) => ({
        goal: `u = ${row.units} fit, GFLOP/s / 1024² matmul GFLOP/s`, measured: pct(row.share), each: row.shares.map(pct).join(', '), target: '≥ 60 %', met: row.share >= 0.6,
      }))),
      '',
      ...(r.load !== undefined ? [`Load average (1 min) at the end: ${fixed(r.load, 1)} on 2 cores.`, ''] : []),
    ] : []),
    `### Training rate — MLP 784 → u → u/2 → 10, batch ${r.batchSize}, SGD, ${r.samples} MNIST samples × ${r.epochs} epochs, one core (${r.backend}), median of ${r.reps}`,
    '',
    table([
      'u', 'gridfold fit (samples/s)',
      ...(builds ? ['fit, SIMD128 kernel, before (samples/s)', 'fused / SIMD128'] : []),
      'generic loop, before (samples/s)', 'model.fit (samples/s)', 'gridfold / model.fit', 'before / model.fit', 'GFLOP/s in fit (6 × MACs)', 'share of matmul rate',
    ], rows),
    '',
    r.kernelMatmulGflops === undefined
      ? `Backend matmul rate (1024² × 1024², same run): ${fixed(r.matmulGflops, 1)} GFLOP/s. Goals: gridfold / model.fit ≥ 1.5×; ≥ 50 % of the matmul rate at u = 256.`
      : `Matmul rate (1024² × 1024², same run): tf.matMul ${fixed(r.tfjsMatmulGflops, 1)} GFLOP/s, ${kernel} ${fixed(r.kernelMatmulGflops, 1)} GFLOP/s` +
        `${r.plainKernelMatmulGflops === undefined ? '' : ` (SIMD128 build ${fixed(r.plainKernelMatmulGflops, 1)})`}; the share is of the fastest. Goals: gridfold / model.fit ≥ 1.5×; ≥ 50 % of the matmul rate at u = 256.`,
  ].join('\n');
}

function leaks(r) {
  const rows = r.runs.map((run) => [
    run.label, run.path, run.fits, run.tensorsLeaked, `${fixed(run.rssStartMb)} → ${fixed(run.rssAfterWarmUpMb)} → ${fixed(run.rssEndMb)}`, fixed(run.rssGrowthMb, 1),
  ]);
  return [
    `### Leaks — consecutive fit + predictProba + dispose (${r.samples} samples, 1 epoch each, ${r.backend})`,
    '',
    table(['fits of', 'training path', 'fits', 'tensors leaked', 'RSS MB: start → after 10 → end', 'RSS growth after 10 fits (MB)'], rows),
    '',
    'Goals: 0 tensors leaked per fit; RSS flat within 50 MB.',
  ].join('\n');
}

/** One row per goal: the median of per-repetition ratios, each repetition's, the target, met or not. */
function goals(rows) {
  return table(['goal', 'measured (median)', 'per repetition', 'target', 'met'], rows.map((g) => [
    g.goal, g.measured, g.each, g.target, g.met ? 'yes' : '**no**',
  ]));
}

const loadLine = (loads) => (loads?.length ? `Load average (1 min) at each repetition's start: ${loads.map((l) => fixed(l, 1)).join(', ')} on 2 cores.` : '');

function parallel(r) {
  if (r.shareOfCeiling === undefined) return parallelBefore(r);
  const pct = (v) => `${fixed(100 * v)} %`;
  const rows = r.timings.map((t) => [t.label, fixed(t.seconds, 2), fixed(t.work, 2), fixed(t.busiest, 2)]);
  return [
    `### Parallel — seed grid, 4 widths × 3 folds, ${r.epochs} epochs (${r.backend}), each search in a fresh process as \`gridfold run\` runs it, ${r.reps} interleaved repetitions (A, B, C, A, B, C …), medians`,
    '',
    goals([
      { goal: "nJobs 2 / the machine's ceiling (two nJobs 1 processes at once: B / 2A)", measured: pct(r.shareOfCeiling), each: r.shares.map(pct).join(', '), target: '≥ 95 %', met: r.shareOfCeiling >= 0.95 },
      { goal: 'fixed cost of the nJobs 2 search (wall − its busiest thread’s fit + score)', measured: `${fixed(r.fixedCostTwo, 2)} s`, each: r.fixedCostsTwo.map((v) => `${fixed(v, 2)} s`).join(', '), target: '≤ 0.15 s', met: r.fixedCostTwo <= 0.15 },
    ]),
    '',
    table(['run', 'wall (s)', 'fit + score, all fits (s)', 'busiest thread’s fit + score (s)'], rows),
    '',
    `Speed-up nJobs 1 → 2: ${fixed(r.speedup, 2)}×, of a ceiling of ${fixed(r.hostScaling, 2)}× (2 × nJobs 1 alone / two at once). ` +
    `Fixed cost of the nJobs 1 search, in-process (wall − its fits): ${fixed(r.fixedCostOne, 2)} s. Scores identical in every run. ${loadLine(r.loads)}`,
  ].join('\n');
}

function parallelBefore(r) {
  const base = r.timings.find((t) => t.nJobs === 1);
  const rows = r.timings.map((t) => [
    t.nJobs, fixed(t.seconds, 1), fixed(t.firstResult, 1), fixed(t.work, 1), base ? `${fixed(base.seconds / t.seconds, 2)}×` : '–',
  ]);
  const lines = [
    `### Parallel — seed grid, 4 widths × 3 folds, ${r.epochs} epochs (${r.backend})${r.reps ? `, nJobs 1 and 2 alternated ${r.reps} times, medians` : ''}`,
    '',
    table(['nJobs', 'wall (s)', 'first fit reported (s)', 'fit + score work (s)', 'speed-up of the medians'], rows),
    '',
  ];
  if (r.speedups) {
    lines.push(
      `Speed-up, median of the ${r.speedups.length} back-to-back pairs: **${fixed(r.speedup, 2)}×** (${r.speedups.map((s) => `${fixed(s, 2)}×`).join(', ')}). ` +
      `Host ceiling — the same search at nJobs 1 in one warmed-up worker thread alone (mean of just before and just after) vs two copies of it in two threads at once: ${fixed(r.hostScaling, 2)}× ` +
      `(${r.ceiling.map((c) => `${fixed(c.alone, 2)} s alone, ${fixed(c.together, 2)} s together`).join('; ')}), ` +
      `so gridfold reaches ${fixed((100 * r.speedup) / r.hostScaling)} % of what two cores of this machine gave two independent runs of the same fits.`,
      '',
    );
  }
  lines.push('Goal: nJobs 2 ≥ 1.85× nJobs 1.');
  return lines.join('\n');
}

function skorch(r) {
  if (r.skipped) {
    return [
      '### Peer — skorch + scikit-learn GridSearchCV',
      '',
      `Skipped: ${r.skipped}. Install the peer with: \`${r.install}\`.`,
    ].join('\n');
  }
  const v = r.versions;
  const rows = [
    [`gridfold, nJobs ${r.cores}`, fixed(r.gridfoldSeconds, 2), scores(r.meanTestScore.gridfold)],
    [`skorch, n_jobs ${r.cores}, torch 1 thread`, fixed(r.skorchJobsSeconds, 2), scores(r.meanTestScore.skorchJobs)],
  ];
  if (r.skorchThreadsSeconds !== undefined) {
    rows.push([`skorch, n_jobs 1, torch ${r.cores} threads`, fixed(r.skorchThreadsSeconds, 2), scores(r.meanTestScore.skorchThreads)]);
  }
  const lines = [
    `### Peer — the seed grid with skorch ${v.skorch} + scikit-learn ${v.sklearn} GridSearchCV on PyTorch ${v.torch} (${r.samples} samples, ${r.epochs} epochs, ${r.reps} interleaved repetitions, medians)`,
    '',
  ];
  if (r.ratios) {
    lines.push(goals([{
      goal: 'seed grid wall, gridfold / skorch (the faster skorch setting of each repetition)', measured: fixed(r.ratio, 2), each: r.ratios.map((x) => fixed(x, 2)).join(', '), target: '≤ 0.85', met: r.ratio <= 0.85,
    }]), '');
  }
  lines.push(
    table(['run', 'wall (s)', 'mean_test_score (u = 32, 64, 128, 256)'], rows),
    '',
    r.ratios ? `gridfold runs in a fresh process as \`gridfold run\` does (workers started while the data loads); both sides time fit() alone. ${loadLine(r.loads)}`
      : `gridfold / skorch (the faster skorch setting): **${fixed(r.ratio, 2)}** (goal ≤ 1).`,
  );
  return lines.join('\n');
}

function foldBatch(r) {
  const rows = r.rows.map((row) => [row.backend, row.units, fixed(row.separateRate), fixed(row.stackedRate), `${fixed(row.speedup, 2)}×`]);
  return [
    `### Fold-batching — one candidate's ${r.folds} folds trained one by one vs as one stacked model (MLP 784 → u → u/2 → 10, SGD, batch 64, ${r.samples} MNIST samples, ${r.epochs} epochs, one core, median of ${r.reps})`,
    '',
    table(['backend', 'u', 'separate (samples/s)', 'stacked (samples/s)', 'stacked / separate'], rows),
    '',
    "foldBatching 'auto' stacks the folds on the backends where this ratio is at least 1.",
    ...(r.candidateRows?.length ? [
      '',
      `Candidates that differ only in lr (${r.rates.join(', ')}), ${r.folds} folds each: every candidate's folds as one stack vs all ${r.rates.length * r.folds} fits as one stack.`,
      '',
      table(['backend', 'u', `${r.rates.length} stacks of ${r.folds} (samples/s)`, `one stack of ${r.rates.length * r.folds} (samples/s)`, 'one / several'],
        r.candidateRows.map((row) => [row.backend, row.units, fixed(row.perCandidateRate), fixed(row.togetherRate), `${fixed(row.speedup, 2)}×`])),
    ] : []),
  ].join('\n');
}

function cnn(r) {
  const t = r.torch ?? {};
  const peer = t.skipped === undefined;
  const rows = [
    ['gridfold `fit`, wasm, lean conv step', fixed(r.lean.wall), fixed(r.lean.cpu), peer ? `${fixed(r.leanVsTorch, 2)}×` : '–', peer ? `${fixed(r.leanVsTorchCpu, 2)}×` : '–'],
    ['gridfold `fit`, wasm, generic loop (tfjs autograd)', fixed(r.generic.wall), fixed(r.generic.cpu), peer ? `${fixed(r.genericVsTorch, 2)}×` : '–', peer ? `${fixed(r.genericVsTorchCpu, 2)}×` : '–'],
    [`gridfold \`fit\`, tfjs cpu backend (${r.cpuBatches} batch${r.cpuBatches === 1 ? "" : "es"})`, fixed(r.cpuBackend.wall, 1), fixed(r.cpuBackend.cpu, 1), peer ? `${fixed(r.cpuBackend.wall / t.wall, 4)}×` : '–', '–'],
    peer ? [`PyTorch ${t.torch}, ${t.threads} thread`, fixed(t.wall), fixed(t.cpu), '1×', '1×'] : ['PyTorch', 'skipped', '', '', ''],
  ];
  return [
    `### CNN — seed 000's DemoNetwork (${r.params} parameters, ${fixed(r.multAdds / 1e6, 2)} M mult-adds per batch), batch ${r.batchSize}, Adam, ${r.samples} MNIST samples, one core (${r.backend}); reps interleaved, median of ${r.reps}`,
    '',
    table(['run', 'samples/s (wall)', 'samples/s (CPU time)', 'vs PyTorch (wall)', 'vs PyTorch (CPU time)'], rows),
    '',
    `Lean / generic: ${fixed(r.leanVsGeneric, 2)}×. Load average during the run: ${r.loadAverage.map((l) => fixed(l, 1)).join(' ')}.` +
      ` A lean step's fixed cost, what stacking folds could share: ${fixed(r.overhead.batch1Ms, 2)} ms of CPU at batch 1 against ${fixed(r.overhead.batch64Ms, 2)} ms at batch 64 (${fixed(100 * r.overhead.share)} %).`,
    ...(peer ? [] : ['', `PyTorch skipped: ${t.skipped}. Install the peer with: \`${t.install}\`.`]),
    '',
    'Goal: lean ≥ 0.5× PyTorch CPU 1 thread (below 0.25× is not done).',
  ].join('\n');
}

function convKernels(r) {
  const own = r.rows.some((row) => row.wasmOwnMs !== undefined);
  const rows = r.rows.map((row) => [
    row.label, fixed(row.gridfoldMs, 2), ...(own ? [row.wasmOwnMs === undefined ? '–' : fixed(row.wasmOwnMs, 2)] : []), fixed(row.cpuMs, 1),
    `${fixed(row.speedup)}×`, ...(own ? [row.speedupOverWasmOwn === undefined ? '–' : `${fixed(row.speedupOverWasmOwn, 1)}×`] : []), fixed(row.gflops, 1),
  ]);
  return [
    `### Gradient kernels on wasm — gridfold's vs tfjs' cpu backend${own ? " and wasm's own where gridfold replaces it" : ''} (batch ${r.batch}, CPU time, median of ${r.reps})`,
    '',
    table(['kernel', 'gridfold (ms)', ...(own ? ["wasm's own (ms)"] : []), 'cpu backend (ms)', 'vs cpu', ...(own ? ["vs wasm's own"] : []), 'GFLOP/s'], rows),
  ].join('\n');
}

function scores(values) {
  return Array.isArray(values) ? values.map((s) => fixed(s, 3)).join(', ') : '–';
}

function distributed(r) {
  const rows = [
    ['local pool, --n-jobs 2', fixed(r.wall.local, 1), '1.00×'],
    ['1 `gridfold worker --n-jobs 2`', fixed(r.wall.oneWorker, 1), `${fixed(r.speedOfOneWorker, 2)}×`],
    ['2 `gridfold worker --n-jobs 1` processes', fixed(r.wall.twoWorkers, 1), `${fixed(r.speedOfTwoWorkers, 2)}×`],
  ];
  const tiny = r.tiny.map((t) => `${fixed(t.local, 1)} s → ${fixed(t.queue, 1)} s`).join('; ');
  return [
    `### Distributed — seed grid (8 candidates × 3 folds, ${r.epochs} epochs) through BullMQ on a loopback Redis, this one machine, ${r.reps} interleaved reps, medians`,
    '',
    table(['where the fits ran', 'wall of gridfold run (s)', 'speed vs local (median of per-rep ratios)'], rows),
    '',
    `Queue overhead per task: **${fixed(r.overheadMsPerTask, 0)} ms** (${r.tasks} one-epoch tasks, local --n-jobs 1 vs one worker with one slot: ${tiny}). ` +
    'Scores identical in every mode. The coordinator, the workers and Redis share the same cores, so this shows the cost of the queue, not the gain of more machines.',
  ].join('\n');
}

function cnnStacking(r) {
  const rows = r.models.map((m) => [m.model, m.macsPerSample.toLocaleString('en-US'), fixed(m.apartSeconds, 2), `${fixed(m.stackedSeconds, 2)} s, **${fixed(m.stacked, 2)}×**`,
    `${fixed(m.oneModelSeconds, 2)} s, ${fixed(m.oneModel, 2)}×`, m.autoStacks ? 'stacked' : 'apart']);
  return [
    `### Stacking a cnn's folds — ${r.folds} folds of ${r.rowsPerFold} MNIST rows trained apart vs as one stack, last of ${r.epochs} epochs, batch ${r.batchSize}, one core (${r.backend}); reps interleaved, median of ${r.reps}`,
    '',
    table(['model', 'mult-adds / sample', `apart: ${r.folds} fits (s)`, 'stacked (s, apart / stacked)', `reference: one model at batch ${r.folds * r.batchSize} (s, apart / it)`, `'auto' trains it`], rows),
    '',
    `Load average at the end: ${r.loadAverage.map((l) => l.toFixed(1)).join(' ')}. 'auto' stacks a model of at most ${r.maxMacs.toLocaleString('en-US')} multiply-adds per sample on wasm, cnn or mlp: ` +
    'a stack shares each step\'s fixed cost over the folds, not their arithmetic, so only small models gain; apart, a large model\'s folds spread over the workers.',
  ].join('\n');
}

const FORMATTERS = { cnn, 'cnn-stacking': cnnStacking, 'conv-kernels': convKernels, 'fit-rate': fitRate, 'fold-batch': foldBatch, leaks, parallel, skorch, distributed };

export function formatSection({ startedAt, machine, results }) {
  const parts = [
    `## ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `Machine: ${machine.os}; ${machine.cpus}; ${machine.memory}; Node ${machine.node}; load average at start ${machine.loadAverage}; commit ${machine.commit}.`,
  ];
  for (const r of results) {
    parts.push('');
    if (r.failed) parts.push(`### ${r.bench}\n\nFailed: ${r.failed}.`);
    else if (FORMATTERS[r.bench]) parts.push(FORMATTERS[r.bench](r));
    else parts.push(`### ${r.bench}\n\n\`\`\`json\n${JSON.stringify(r, null, 2)}\n\`\`\``);
    parts.push('', `(${r.bench}: ${fixed(r.seconds, 0)} s)`);
  }
  return `${parts.join('\n')}\n`;
}
