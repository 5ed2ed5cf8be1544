/*
 * A Dense stack's SGD epoch for tfjs' wasm backend (dense-epoch.ts runs a whole epoch as
 * one tfjs kernel: dense_sgd_epoch, built of these, gemm() and column_sums()). Linked into the
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
static void gather_rows(int count, const int *rows, int row_len, const float *src, float *dst) {
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
static void relu_gradient(int count, const float *y, float *dz) {
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
static void sgd_update(int count, float c, const float *w, const float *g, float *out) {
  const v128_t cv = wasm_f32x4_splat(c);
  int i = 0;
  for (; i + 4 <= count; i += 4) {
    wasm_v128_store(out + i, wasm_f32x4_add(wasm_f32x4_mul(cv, wasm_v128_load(g + i)), wasm_v128_load(w + i)));
  }
  for (; i < count; i++) out[i] = c * g[i] + w[i];
}

/* e^x and ln x in double precision, for the float32 loss below: rounded to float they are
 * what Math.exp / Math.log rounded to float give (both are accurate to well under a float's
 * last bit), and they keep the module free of libm (which would bring tables, i.e. data). */
typedef union { double value; unsigned long long bits; } double_bits;

static double exp_double(double x) {
  if (x != x) return x;
  if (x < -745.0) return 0.0;
  if (x > 709.0) return 1.0 / 0.0;
  /* x = k·ln 2 + r, |r| ≤ ln 2 / 2: e^x = 2^k · e^r, e^r by its Taylor series to r^13
   * (remainder below 1e-16 relative), ln 2 split in two so k·ln 2 subtracts exactly. */
  const double k = __builtin_rint(x * 1.4426950408889634);
  const double r = (x - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10;
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  /* 2^k in two halves so that k down to −1074 (a subnormal result) stays representable. */
  const int half = (int)k / 2;
  double_bits a = { .bits = (unsigned long long)(half + 1023) << 52 };
  double_bits b = { .bits = (unsigned long long)((int)k - half + 1023) << 52 };
  return p * a.value * b.value;
}

/* ln x for a finite x ≥ 1 (a sum of exponentials, one of them e^0). */
static double log_double(double x) {
  if (x != x || x == 1.0 / 0.0) return x;
  double_bits v = { .value = x };
  int e = (int)((v.bits >> 52) & 0x7ff) - 1023;
  v.bits = (v.bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
  double m = v.value;
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  /* ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172: the odd series to s^19. */
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double p = 1.0 / 19.0;
  p = p * s2 + 1.0 / 17.0;
  p = p * s2 + 1.0 / 15.0;
  p = p * s2 + 1.0 / 13.0;
  p = p * s2 + 1.0 / 11.0;
  p = p * s2 + 1.0 / 9.0;
  p = p * s2 + 1.0 / 7.0;
  p = p * s2 + 1.0 / 5.0;
  p = p * s2 + 1.0 / 3.0;
  p = p * s2 + 1.0;
  return e * 6.93147180559945309417e-01 + 2.0 * s * p;
}

/* Softmax cross-entropy of logits [m][units] against rows `rows` of the one-hot y, as the
 * lean step computes it with tfjs ops, each op rounded to float32: logSoftmax (x − max,
 * − ln Σ e^(x − max)), the loss −Σ y·logp over the batch (returned), and the gradient
 * (e^logp − y) / m written to d_out. */
EXPORT(softmax_cross_entropy)
float softmax_cross_entropy(int m, int units, const float *logits, const float *y, const int *rows, float *d_out) {
  const float row_scale = 1.0f / (float)m;
  float sum = 0.0f;
  for (int i = 0; i < m; i++, logits += units, d_out += units) {
    const float *target = y + rows[i] * units;
    float max = logits[0];
    for (int j = 1; j < units; j++) max = logits[j] > max ? logits[j] : max;
    float exp_sum = 0.0f;
    for (int j = 0; j < units; j++) exp_sum += (float)exp_double((double)(logits[j] - max));
    const float log_sum = (float)log_double((double)exp_sum);
    for (int j = 0; j < units; j++) {
      const float logp = (logits[j] - max) - log_sum;
      sum += target[j] * logp;
      d_out[j] = ((float)exp_double((double)logp) - target[j]) * row_scale;
    }
  }
  return -sum;
}

/* gemm.c's and conv.c's, linked into this module. */
void gemm(int batch, int m, int n, int k, const float *a, int a_stride, const float *b, int b_stride,
          const float *bias, int bias_stride, float *c, int flags, void *scratch);
void column_sums(int rows, int cols, const float *x, float *out);

/* gemm()'s flags (instance.ts). */
#define TRANSPOSE_A 1
#define TRANSPOSE_B 2
#define BIAS 4
#define RELU 8

/* A whole epoch of plain SGD on a Dense stack (hidden layers relu or linear, a linear output,
 * softmax cross-entropy on its logits): for each batch order[start .. start + m) its rows are
 * gathered, the forward and backward products run on gemm(), and every layer's kernel and
 * bias are updated in place (c = −lr) — the calls a step made from JavaScript (one kernel per
 * batch, before), in the same order, so the same bits; only the round trips to the host
 * between batches are gone. kernels[l] / biases[l] point at copies the caller owns (a bias
 * pointer of 0: no bias); acts[l] holds m × widths[l] floats, xb m × in_size, dz and d_prev
 * m × the widest layer, grad the largest kernel, bias_grad the widest layer. Returns the sum
 * of the batches' loss sums, added in batch order as tf.addN adds the per-batch scalars. */
EXPORT(dense_sgd_epoch)
float dense_sgd_epoch(int n, int batch_size, const int *order, int in_size, int layers, const int *widths,
                      const int *relu, float *const *kernels, float *const *biases, const float *x,
                      const float *y, float c, float *xb, float *const *acts, float *dz, float *d_prev,
                      float *grad, float *bias_grad, void *scratch) {
  float total = 0.0f;
  const int units = widths[layers - 1];
  for (int start = 0; start < n; start += batch_size) {
    const int m = n - start < batch_size ? n - start : batch_size;
    const int *rows = order + start;
    gather_rows(m, rows, in_size, x, xb);
    const float *input = xb;
    int in_width = in_size;
    for (int l = 0; l < layers; l++) {
      const int flags = (biases[l] ? BIAS : 0) | (relu[l] ? RELU : 0);
      gemm(1, m, widths[l], in_width, input, 0, kernels[l], 0, biases[l], 0, acts[l], flags, scratch);
      input = acts[l];
      in_width = widths[l];
    }
    total += softmax_cross_entropy(m, units, acts[layers - 1], y, rows, dz);
    float *d = dz, *d_other = d_prev;
    for (int l = layers - 1; l >= 0; l--) {
      const float *below = l > 0 ? acts[l - 1] : xb;
      const int below_width = l > 0 ? widths[l - 1] : in_size;
      gemm(1, below_width, widths[l], m, below, 0, d, 0, 0, 0, grad, TRANSPOSE_A, scratch);
      if (biases[l]) column_sums(m, widths[l], d, bias_grad);
      if (l > 0) {
        gemm(1, m, below_width, widths[l], d, 0, kernels[l], 0, 0, 0, d_other, TRANSPOSE_B, scratch);
        if (relu[l - 1]) relu_gradient(m * below_width, acts[l - 1], d_other);
        float *swap = d;
        d = d_other;
        d_other = swap;
      }
      /* The gradients of layer l are complete and its old weights are no longer read. */
      sgd_update(below_width * widths[l], c, kernels[l], grad, kernels[l]);
      if (biases[l]) sgd_update(widths[l], c, biases[l], bias_grad, biases[l]);
    }
  }
  return total;
}
