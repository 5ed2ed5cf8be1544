/*
 * gridfold's float32 GEMM for tfjs' wasm backend:
 *
 *   C[f] = op(A[f]) · op(B[f]) (+ bias[f]) (then relu)     for f in [0, batch)
 *
 * Why this exists: tfjs-backend-wasm runs BatchMatMul through XNNPACK only for a single
 * matrix with neither operand transposed, and then re-packs the right operand whenever it
 * is a new tensor (after every SGD step the weights are). Everything else (transposeA,
 * transposeB, several folds in one call) falls to a scalar loop at ~2.5 GFLOP/s. gridfold's
 * hand-written training step needs exactly those cases: Xᵀ·dZ for weight gradients, dZ·Wᵀ
 * for input gradients, and k cross-validation folds stacked on a leading axis.
 *
 * Memory safety. This module IMPORTS tfjs' linear memory (env.memory) and works only on
 * addresses it is handed: tensor offsets tfjs allocated and one scratch block the loader
 * malloc'd from tfjs. It must therefore own no memory of its own: no static data (string
 * literals, lookup tables, globals), no shadow stack (no local arrays, nothing whose
 * address is taken). Everything below lives in wasm locals, which are not in linear
 * memory. The loader (matmul.ts) and the build (build.mjs) refuse a binary that has a data,
 * memory or global section or imports anything but env.memory, so a change here that
 * makes clang spill to the stack fails loudly instead of corrupting tfjs' heap.
 *
 * Structure (GotoBLAS-style, reduced to what these sizes need):
 *   for each k block of KC:                 keeps a packed B panel and the A rows in cache
 *     for each row block of MC:             bounds the A block re-read per B panel (L2)
 *       for each pair of NR = 8 panels:     pack op(B)[k block][16 columns] into scratch
 *         for each row tile of MR = 4:      micro-kernel on each panel: 4×8 tiles, 8 v128
 *                                           accumulators; the A rows stay in L1 between them
 * Packing 16 columns at once reads each 64-byte line of a row of B (op(B) = B) whole, and
 * measured 1–7 % faster than one 8-column panel at a time for all three products of a
 * 784→256 layer (interleaved A/B, Zen 3).
 * B is packed (contiguous [KC][8], zero-padded past n) because that is what makes the
 * transposeB case as fast as the plain one: the transpose happens once per panel, in 4×4
 * SIMD blocks, instead of in the inner loop. A is not packed: the micro-kernel reads it in
 * place with a broadcast load per element, which costs the same whether consecutive k are
 * adjacent (A as stored) or consecutive rows are (transposeA), so packing A would only add
 * a pass over it.
 */
#include <wasm_simd128.h>

/* Tile and block sizes. 4×8 keeps 8 accumulators + 2 B vectors + 1 broadcast + 1 product
 * temporary in 12 registers; V8 on x64 has 16 xmm registers, one reserved as scratch. A 6×8
 * tile (12 accumulators) spills in V8 and measured ~20 GFLOP/s against ~31 for 4×8 (Zen 3,
 * Node 20). 2 × KC × NR floats of packed B (16 KiB) stay in L1; MC rows of A over KC (128 KiB)
 * stay in L2 while every panel of the row block sweeps them. KC 128…784 and MC 64…512
 * measured the same within noise at gridfold's sizes. */
#define MR 4
#define NR 8
#ifndef KC
#define KC 256
#endif
#ifndef MC
#define MC 128
#endif

/* acc + x·b per lane. Plain SIMD128 has no fused multiply-add: a mul and an add per
 * vector. The relaxed-SIMD build (build.mjs compiles both) uses f32x4.relaxed_madd, which V8
 * turns into one vfmadd on x64 CPUs with FMA3 (and fmla on arm64): measured +20–35 % on the
 * training step's products (Zen 3, Node 20), because the 4×8 tile's 16 mul/add per k step
 * were issue-bound, not FP-pipe-bound. "Relaxed" means an engine may fuse or not: on a CPU
 * without FMA it computes the mul and add apart, exactly the plain build's result. A 5×8 or
 * 6×8 tile, which fits in registers once no product temporary is needed, still spilled in
 * V8 (~21 GFLOP/s). */
#ifdef GEMM_RELAXED_SIMD
#define MADD(acc, x, b) __builtin_wasm_relaxed_madd_f32x4((x), (b), (acc))
#else
#define MADD(acc, x, b) wasm_f32x4_add((acc), wasm_f32x4_mul((x), (b)))
#endif

/* Flags of gemm(); matmul.ts passes the same values. */
#define FLAG_TRANSPOSE_A 1
#define FLAG_TRANSPOSE_B 2
#define FLAG_BIAS 4
#define FLAG_RELU 8
/* C += op(A) · op(B) instead of C = …: products whose k axis is split into chunks (the
 * filter gradient of a convolution over a large batch) add up in C. No bias then. */
#define FLAG_ACCUMULATE 16

/* How a micro-kernel call starts its accumulators. Only the first k block starts from the
 * bias (or zero); later k blocks continue from what the previous ones stored in C. */
#define START_ZERO 0
#define START_BIAS 1
#define START_C 2

/* Scratch layout (floats): the two packed B panels, the zero-padded bias of both, and a
 * full MR×NR tile that edge tiles are computed in, so the micro-kernel never needs a
 * partial-width variant and never writes outside C. The +64 bytes let us align to a
 * cache line whatever alignment malloc gave. */
#define SCRATCH_PANEL (KC * NR)
#define SCRATCH_BIAS (2 * NR)
#define SCRATCH_TILE (MR * NR)
#define SCRATCH_BYTES ((2 * SCRATCH_PANEL + SCRATCH_BIAS + SCRATCH_TILE) * 4 + 64)

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE static inline __attribute__((always_inline))

static inline int min_int(int a, int b) { return a < b ? a : b; }

EXPORT(gemm_scratch_bytes) int gemm_scratch_bytes(void) { return SCRATCH_BYTES; }

/* The micro-kernel: C[0..MR)[0..NR) (row stride ldc) = start + Σ_k A(r, k) · panel[k][·].
 * A(r, k) lives at a + r·row_step + k·k_step; the caller passes the steps as constants so
 * that the two transpose cases inline into two specialised loops. Rows at or past `rows`
 * re-read the last valid row: their results go to the scratch tile and are dropped, and
 * the loads stay inside A. */
INLINE void micro_kernel(int kc, const float *a, int row_step, int k_step, int rows,
                         const float *panel, float *c, int ldc, int start,
                         const float *bias, int relu) {
  const float *a0 = a;
  const float *a1 = rows > 1 ? a0 + row_step : a0;
  const float *a2 = rows > 2 ? a1 + row_step : a1;
  const float *a3 = rows > 3 ? a2 + row_step : a2;

  v128_t c00, c01, c10, c11, c20, c21, c30, c31;
  if (start == START_C) {
    c00 = wasm_v128_load(c + 0 * ldc); c01 = wasm_v128_load(c + 0 * ldc + 4);
    c10 = wasm_v128_load(c + 1 * ldc); c11 = wasm_v128_load(c + 1 * ldc + 4);
    c20 = wasm_v128_load(c + 2 * ldc); c21 = wasm_v128_load(c + 2 * ldc + 4);
    c30 = wasm_v128_load(c + 3 * ldc); c31 = wasm_v128_load(c + 3 * ldc + 4);
  } else if (start == START_BIAS) {
    c00 = c10 = c20 = c30 = wasm_v128_load(bias);
    c01 = c11 = c21 = c31 = wasm_v128_load(bias + 4);
  } else {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = wasm_f32x4_splat(0.0f);
  }

  /* Broadcast loads (v128.load32_splat, vbroadcastss on x64) use the load ports and leave
   * the FP pipes to the arithmetic, which a load + 4 lane shuffles would not. */
  for (int k = 0; k < kc; k++) {
    const v128_t b0 = wasm_v128_load(panel);
    const v128_t b1 = wasm_v128_load(panel + 4);
    panel += NR;
    const v128_t x0 = wasm_v128_load32_splat(a0); a0 += k_step;
    const v128_t x1 = wasm_v128_load32_splat(a1); a1 += k_step;
    const v128_t x2 = wasm_v128_load32_splat(a2); a2 += k_step;
    const v128_t x3 = wasm_v128_load32_splat(a3); a3 += k_step;
    c00 = MADD(c00, x0, b0);
    c01 = MADD(c01, x0, b1);
    c10 = MADD(c10, x1, b0);
    c11 = MADD(c11, x1, b1);
    c20 = MADD(c20, x2, b0);
    c21 = MADD(c21, x2, b1);
    c30 = MADD(c30, x3, b0);
    c31 = MADD(c31, x3, b1);
  }

  if (relu) {
    /* pmax(x, 0) is x < 0 ? 0 : x — one maxps on x64, and NaN passes through as in
     * tf.relu; f32x4.max would cost V8 several instructions for IEEE NaN/−0 rules. */
    const v128_t zero = wasm_f32x4_splat(0.0f);
    c00 = wasm_f32x4_pmax(c00, zero); c01 = wasm_f32x4_pmax(c01, zero);
    c10 = wasm_f32x4_pmax(c10, zero); c11 = wasm_f32x4_pmax(c11, zero);
    c20 = wasm_f32x4_pmax(c20, zero); c21 = wasm_f32x4_pmax(c21, zero);
    c30 = wasm_f32x4_pmax(c30, zero); c31 = wasm_f32x4_pmax(c31, zero);
  }
  wasm_v128_store(c + 0 * ldc, c00); wasm_v128_store(c + 0 * ldc + 4, c01);
  wasm_v128_store(c + 1 * ldc, c10); wasm_v128_store(c + 1 * ldc + 4, c11);
  wasm_v128_store(c + 2 * ldc, c20); wasm_v128_store(c + 2 * ldc + 4, c21);
  wasm_v128_store(c + 3 * ldc, c30); wasm_v128_store(c + 3 * ldc + 4, c31);
}

/* op(B) = B, stored [k][n]: a panel row is 8 adjacent floats of one row of B. */
static void pack_panel(int kc, int cols, const float *b, int ldb, float *panel) {
  if (cols == NR) {
    for (int k = 0; k < kc; k++, b += ldb, panel += NR) {
      wasm_v128_store(panel, wasm_v128_load(b));
      wasm_v128_store(panel + 4, wasm_v128_load(b + 4));
    }
    return;
  }
  /* The last panel: zeros past n, so the micro-kernel's extra columns add nothing. */
  for (int k = 0; k < kc; k++, b += ldb, panel += NR) {
    for (int j = 0; j < NR; j++) panel[j] = j < cols ? b[j] : 0.0f;
  }
}

/* Two adjacent panels of op(B) = B at once: a 16-float row of B is one 64-byte cache line
 * (when B is line-aligned), so each line of B is pulled through the caches once per k
 * block instead of once per 8-column half. Panel 1 follows panel 0 in the scratch. */
static void pack_panel_pair(int kc, const float *b, int ldb, float *panel0, float *panel1) {
  for (int k = 0; k < kc; k++, b += ldb, panel0 += NR, panel1 += NR) {
    const v128_t v0 = wasm_v128_load(b), v1 = wasm_v128_load(b + 4);
    const v128_t v2 = wasm_v128_load(b + 8), v3 = wasm_v128_load(b + 12);
    wasm_v128_store(panel0, v0);
    wasm_v128_store(panel0 + 4, v1);
    wasm_v128_store(panel1, v2);
    wasm_v128_store(panel1 + 4, v3);
  }
}

/* op(B) = Bᵀ, B stored [n][k]: the panel's 8 columns are 8 rows of B. Read them 4 k at a
 * time and transpose two 4×4 blocks in registers, so B is read sequentially. */
static void pack_panel_transposed(int kc, int cols, const float *b, int ldb, float *panel) {
  if (cols == NR) {
    int k = 0;
    for (; k + 4 <= kc; k += 4) {
      const float *p = b + k;
      const v128_t r0 = wasm_v128_load(p), r1 = wasm_v128_load(p + ldb);
      const v128_t r2 = wasm_v128_load(p + 2 * ldb), r3 = wasm_v128_load(p + 3 * ldb);
      const v128_t r4 = wasm_v128_load(p + 4 * ldb), r5 = wasm_v128_load(p + 5 * ldb);
      const v128_t r6 = wasm_v128_load(p + 6 * ldb), r7 = wasm_v128_load(p + 7 * ldb);
      const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);
      const v128_t t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
      const v128_t t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
      const v128_t t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
      const v128_t u0 = wasm_i32x4_shuffle(r4, r5, 0, 4, 1, 5);
      const v128_t u1 = wasm_i32x4_shuffle(r6, r7, 0, 4, 1, 5);
      const v128_t u2 = wasm_i32x4_shuffle(r4, r5, 2, 6, 3, 7);
      const v128_t u3 = wasm_i32x4_shuffle(r6, r7, 2, 6, 3, 7);
      float *q = panel + k * NR;
      wasm_v128_store(q + 0 * NR, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
      wasm_v128_store(q + 0 * NR + 4, wasm_i32x4_shuffle(u0, u1, 0, 1, 4, 5));
      wasm_v128_store(q + 1 * NR, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
      wasm_v128_store(q + 1 * NR + 4, wasm_i32x4_shuffle(u0, u1, 2, 3, 6, 7));
      wasm_v128_store(q + 2 * NR, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
      wasm_v128_store(q + 2 * NR + 4, wasm_i32x4_shuffle(u2, u3, 0, 1, 4, 5));
      wasm_v128_store(q + 3 * NR, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
      wasm_v128_store(q + 3 * NR + 4, wasm_i32x4_shuffle(u2, u3, 2, 3, 6, 7));
    }
    for (; k < kc; k++) {
      for (int j = 0; j < NR; j++) panel[k * NR + j] = b[j * ldb + k];
    }
    return;
  }
  for (int k = 0; k < kc; k++) {
    for (int j = 0; j < NR; j++) panel[k * NR + j] = j < cols ? b[j * ldb + k] : 0.0f;
  }
}

/* One tile of C: in place when it is a full MR×NR tile, else through the scratch tile
 * (copied in when continuing a k block, copied back only where C exists). */
INLINE void tile(int kc, const float *a, int row_step, int k_step, int rows, int cols,
                 const float *panel, float *c, int ldc, int start, const float *bias,
                 int relu, float *scratch_tile) {
  if (rows == MR && cols == NR) {
    micro_kernel(kc, a, row_step, k_step, rows, panel, c, ldc, start, bias, relu);
    return;
  }
  if (start == START_C) {
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < cols; j++) scratch_tile[r * NR + j] = c[r * ldc + j];
  }
  micro_kernel(kc, a, row_step, k_step, rows, panel, scratch_tile, NR, start, bias, relu);
  for (int r = 0; r < rows; r++)
    for (int j = 0; j < cols; j++) c[r * ldc + j] = scratch_tile[r * NR + j];
}

/* One matrix: C[m][n] = op(A) · op(B) (+ bias) (relu). lda / ldb are the row lengths of A
 * and B as stored. */
static void gemm_one(int m, int n, int k, const float *a, int transpose_a, const float *b,
                     int transpose_b, const float *bias, int relu, int accumulate, float *c,
                     float *panel, float *bias_panel, float *scratch_tile) {
  const int lda = transpose_a ? m : k;
  const int ldb = transpose_b ? k : n;
  /* k == 0 still runs one (empty) k block, so C gets the bias / zeros. */
  for (int pc = 0;;) {
    const int kc = min_int(KC, k - pc);
    const int first = pc == 0;
    const int last = pc + kc >= k;
    const int start = first && !accumulate ? (bias ? START_BIAS : START_ZERO) : START_C;
    const int relu_now = relu && last;
    for (int ic = 0; ic < m; ic += MC) {
      const int mc = min_int(MC, m - ic);
      /* Two panels (2·NR = 16 columns) per step, so a row of B is read a whole cache line
       * at a time; every row tile then runs against both while its A rows are in L1. */
      for (int jc = 0; jc < n; jc += 2 * NR) {
        const int cols0 = min_int(NR, n - jc);
        const int cols1 = min_int(NR, n - jc - NR); /* <= 0: no second panel */
        float *panel1 = panel + SCRATCH_PANEL;
        if (transpose_b) {
          pack_panel_transposed(kc, cols0, b + jc * ldb + pc, ldb, panel);
          if (cols1 > 0) pack_panel_transposed(kc, cols1, b + (jc + NR) * ldb + pc, ldb, panel1);
        } else if (cols1 == NR) {
          pack_panel_pair(kc, b + pc * ldb + jc, ldb, panel, panel1);
        } else {
          pack_panel(kc, cols0, b + pc * ldb + jc, ldb, panel);
          if (cols1 > 0) pack_panel(kc, cols1, b + pc * ldb + jc + NR, ldb, panel1);
        }
        if (start == START_BIAS) {
          for (int j = 0; j < 2 * NR; j++) bias_panel[j] = j < n - jc ? bias[jc + j] : 0.0f;
        }
        for (int ir = ic; ir < ic + mc; ir += MR) {
          const int rows = min_int(MR, ic + mc - ir);
          float *ct = c + ir * n + jc;
          /* Literal steps so each case gets its own loop with constant address offsets. */
          if (transpose_a) {
            tile(kc, a + pc * lda + ir, 1, lda, rows, cols0, panel, ct, n, start, bias_panel,
                 relu_now, scratch_tile);
            if (cols1 > 0)
              tile(kc, a + pc * lda + ir, 1, lda, rows, cols1, panel1, ct + NR, n, start,
                   bias_panel + NR, relu_now, scratch_tile);
          } else {
            tile(kc, a + ir * lda + pc, lda, 1, rows, cols0, panel, ct, n, start, bias_panel,
                 relu_now, scratch_tile);
            if (cols1 > 0)
              tile(kc, a + ir * lda + pc, lda, 1, rows, cols1, panel1, ct + NR, n, start,
                   bias_panel + NR, relu_now, scratch_tile);
          }
        }
      }
    }
    if (last) break;
    pc += kc;
  }
}

/*
 * The entry point. Pointers are byte offsets into tfjs' memory; strides are in floats
 * between consecutive matrices of the batch (0 broadcasts one matrix to every fold).
 * A[f] is [m][k] ([k][m] with transposeA), B[f] is [k][n] ([n][k] with transposeB),
 * bias[f] is [n], C[f] is [m][n] at c + f·m·n. scratch must hold gemm_scratch_bytes().
 * With FLAG_ACCUMULATE the product is added to what C holds (and bias is ignored).
 */
EXPORT(gemm)
void gemm(int batch, int m, int n, int k, const float *a, int a_stride, const float *b,
          int b_stride, const float *bias, int bias_stride, float *c, int flags,
          void *scratch) {
  float *panel = (float *)(((unsigned long)scratch + 63) & ~63ul);
  float *bias_panel = panel + 2 * SCRATCH_PANEL;
  float *scratch_tile = bias_panel + SCRATCH_BIAS;
  const int transpose_a = (flags & FLAG_TRANSPOSE_A) != 0;
  const int transpose_b = (flags & FLAG_TRANSPOSE_B) != 0;
  const int relu = (flags & FLAG_RELU) != 0;
  const int accumulate = (flags & FLAG_ACCUMULATE) != 0;
  if (m <= 0 || n <= 0) return;
  for (int f = 0; f < batch; f++) {
    const float *bias_f = (flags & FLAG_BIAS) && !accumulate ? bias + f * bias_stride : 0;
    gemm_one(m, n, k, a + f * a_stride, transpose_a, b + f * b_stride, transpose_b, bias_f,
             relu, accumulate, c + f * m * n, panel, bias_panel, scratch_tile);
  }
}
