/*
 * The element-wise parts of a Dense stack's SGD step for tfjs' wasm backend (dense-step.ts
 * runs a whole step as one tfjs kernel: these, gemm() and column_sums()). Linked into the
 * same module as gemm.c and bound by the same rule: they import tfjs' memory and own none
 * (no static data, no local arrays, nothing whose address is taken).
 *
 * Why: for a small model, a step written with tfjs ops is ~40 kernel dispatches, each a few
 * microseconds of engine bookkeeping, which cost more than the products themselves (784 →
 * 32 → 16 → 10 at batch 64: ~0.35 ms of arithmetic, ~0.6 ms of dispatch).
 *
 * Each function computes what the tfjs ops it replaces compute, in the same float
 * operations: a multiply and an add apart (never fused, so both builds give the same bits).
 */
#include <wasm_simd128.h>

/* A multiply then an add, as tfjs computes them: clang must not contract them into one. */
#pragma clang fp contract(off)

#define EXPORT(name) __attribute__((export_name(#name)))

/* dst[i] = src[rows[i]], rows of row_len floats: a batch's rows out of a fold's data. */
EXPORT(gather_rows)
void gather_rows(int count, const int *rows, int row_len, const float *src, float *dst) {
  for (int i = 0; i < count; i++, dst += row_len) {
    const float *row = src + rows[i] * row_len;
    int j = 0;
    for (; j + 16 <= row_len; j += 16) {
      const v128_t v0 = wasm_v128_load(row + j), v1 = wasm_v128_load(row + j + 4);
      const v128_t v2 = wasm_v128_load(row + j + 8), v3 = wasm_v128_load(row + j + 12);
      wasm_v128_store(dst + j, v0);
      wasm_v128_store(dst + j + 4, v1);
      wasm_v128_store(dst + j + 8, v2);
      wasm_v128_store(dst + j + 12, v3);
    }
    for (; j + 4 <= row_len; j += 4) wasm_v128_store(dst + j, wasm_v128_load(row + j));
    for (; j < row_len; j++) dst[j] = row[j];
  }
}

/* dz[i] = y[i] > 0 ? dz[i] : 0 — relu's gradient from its output y, tf.mul(dz, tf.step(y))
 * but for the sign of the zeros (which no later sum or product can tell apart). */
EXPORT(relu_gradient)
void relu_gradient(int count, const float *y, float *dz) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= count; i += 4) {
    const v128_t keep = wasm_f32x4_gt(wasm_v128_load(y + i), zero);
    wasm_v128_store(dz + i, wasm_v128_and(wasm_v128_load(dz + i), keep));
  }
  for (; i < count; i++) dz[i] = y[i] > 0.0f ? dz[i] : 0.0f;
}

/* out[i] = c · g[i] + w[i] with c = −lr: tfjs' SGD update (sgd_optimizer.js,
 * add(mul(c, gradient), value)), rounded after the multiply and after the add. out may be g. */
EXPORT(sgd_update)
void sgd_update(int count, float c, const float *w, const float *g, float *out) {
  const v128_t cv = wasm_f32x4_splat(c);
  int i = 0;
  for (; i + 4 <= count; i += 4) {
    wasm_v128_store(out + i, wasm_f32x4_add(wasm_f32x4_mul(cv, wasm_v128_load(g + i)), wasm_v128_load(w + i)));
  }
  for (; i < count; i++) out[i] = c * g[i] + w[i];
}
