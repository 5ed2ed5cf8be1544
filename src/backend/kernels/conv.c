/*
 * gridfold's convolution helpers for tfjs' wasm backend, linked into the same module as
 * gemm.c (build.mjs) and bound by the same rule: they import tfjs' memory and own none —
 * no static data, no local arrays, nothing whose address is taken, so nothing lives in
 * linear memory but the tensors and scratch blocks the caller hands over (see gemm.c).
 *
 * Every image is NHWC, every filter [filter_h][filter_w][in_channels][out_channels] (tfjs'
 * layouts). A convolution is one product on gemm():
 *
 *   cols[b·out_h·out_w + oh·out_w + ow][(kh·filter_w + kw)·channels + c]
 *       = x[b][oh·stride_h − pad_top + kh·dil_h][ow·stride_w − pad_left + kw·dil_w][c]
 *         (0 where that falls in the padding)
 *
 * so y = cols · filter, dfilter = colsᵀ · dy, and dx = col2im(dy · filterᵀ). im2col and
 * col2im below build and fold the columns; the pooling and depthwise kernels are direct.
 *
 * Only adds and multiplies are used, never a fused multiply-add: both builds of the module
 * (SIMD128 and relaxed SIMD) give these kernels the same bits.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE static inline __attribute__((always_inline))

INLINE int max_int(int a, int b) { return a > b ? a : b; }
INLINE int min_int(int a, int b) { return a < b ? a : b; }

INLINE void zero_floats(float *dst, int n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, zero);
  for (; i < n; i++) dst[i] = 0.0f;
}

INLINE void copy_floats(float *dst, const float *src, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  for (; i < n; i++) dst[i] = src[i];
}

INLINE void add_floats(float *dst, const float *src, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(dst + i, wasm_f32x4_add(wasm_v128_load(dst + i), wasm_v128_load(src + i)));
  for (; i < n; i++) dst[i] += src[i];
}

/* dst[i] += a[i] · b[i] */
INLINE void add_products(float *dst, const float *a, const float *b, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t p = wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i));
    wasm_v128_store(dst + i, wasm_f32x4_add(wasm_v128_load(dst + i), p));
  }
  for (; i < n; i++) dst[i] += a[i] * b[i];
}

/*
 * x [batch][in_h][in_w][channels] → cols [batch·out_h·out_w][filter_h·filter_w·channels].
 * With unit width stride and dilation a filter row's filter_w·channels inputs are adjacent
 * in x, and are copied in one run when the whole row lies inside the image.
 */
EXPORT(im2col)
void im2col(int batch, int in_h, int in_w, int channels, int out_h, int out_w,
            int filter_h, int filter_w, int stride_h, int stride_w, int dil_h, int dil_w,
            int pad_top, int pad_left, const float *x, float *cols) {
  const int row_run = filter_w * channels;
  const int dense_rows = stride_w == 1 && dil_w == 1;
  for (int b = 0; b < batch; b++) {
    const float *image = x + b * in_h * in_w * channels;
    for (int oh = 0; oh < out_h; oh++) {
      for (int ow = 0; ow < out_w; ow++) {
        const int w0 = ow * stride_w - pad_left;
        for (int kh = 0; kh < filter_h; kh++, cols += row_run) {
          const int ih = oh * stride_h - pad_top + kh * dil_h;
          if (ih < 0 || ih >= in_h) {
            zero_floats(cols, row_run);
            continue;
          }
          const float *line = image + ih * in_w * channels;
          if (dense_rows && w0 >= 0 && w0 + filter_w <= in_w) {
            copy_floats(cols, line + w0 * channels, row_run);
            continue;
          }
          for (int kw = 0; kw < filter_w; kw++) {
            const int iw = w0 + kw * dil_w;
            if (iw < 0 || iw >= in_w) zero_floats(cols + kw * channels, channels);
            else copy_floats(cols + kw * channels, line + iw * channels, channels);
          }
        }
      }
    }
  }
}

/* The adjoint of im2col: dx = Σ over every column entry that was copied from it. */
EXPORT(col2im)
void col2im(int batch, int in_h, int in_w, int channels, int out_h, int out_w,
            int filter_h, int filter_w, int stride_h, int stride_w, int dil_h, int dil_w,
            int pad_top, int pad_left, const float *cols, float *dx) {
  const int row_run = filter_w * channels;
  const int dense_rows = stride_w == 1 && dil_w == 1;
  zero_floats(dx, batch * in_h * in_w * channels);
  for (int b = 0; b < batch; b++) {
    float *image = dx + b * in_h * in_w * channels;
    for (int oh = 0; oh < out_h; oh++) {
      for (int ow = 0; ow < out_w; ow++) {
        const int w0 = ow * stride_w - pad_left;
        for (int kh = 0; kh < filter_h; kh++, cols += row_run) {
          const int ih = oh * stride_h - pad_top + kh * dil_h;
          if (ih < 0 || ih >= in_h) continue;
          float *line = image + ih * in_w * channels;
          if (dense_rows && w0 >= 0 && w0 + filter_w <= in_w) {
            add_floats(line + w0 * channels, cols, row_run);
            continue;
          }
          for (int kw = 0; kw < filter_w; kw++) {
            const int iw = w0 + kw * dil_w;
            if (iw >= 0 && iw < in_w) add_floats(line + iw * channels, cols + kw * channels, channels);
          }
        }
      }
    }
  }
}

/*
 * Max pooling that records where each maximum came from: y[b][oh][ow][c] is the largest
 * x in the window (the padding counts as −∞) and argmax the index of the FIRST such x in
 * x (row by row, as tfjs' cpu backend and PyTorch break ties; −1 for a window with no
 * input at all). Four channels at a time.
 */
EXPORT(maxpool)
void maxpool(int batch, int in_h, int in_w, int channels, int out_h, int out_w, int pool_h,
             int pool_w, int stride_h, int stride_w, int pad_top, int pad_left, const float *x,
             float *y, int *argmax) {
  const v128_t lanes = wasm_i32x4_make(0, 1, 2, 3);
  const float neg_inf = -__builtin_inff();
  for (int b = 0; b < batch; b++) {
    for (int oh = 0; oh < out_h; oh++) {
      const int h0 = oh * stride_h - pad_top;
      const int h_start = max_int(h0, 0), h_end = min_int(h0 + pool_h, in_h);
      for (int ow = 0; ow < out_w; ow++, y += channels, argmax += channels) {
        const int w0 = ow * stride_w - pad_left;
        const int w_start = max_int(w0, 0), w_end = min_int(w0 + pool_w, in_w);
        int c = 0;
        for (; c + 4 <= channels; c += 4) {
          v128_t best = wasm_f32x4_splat(neg_inf);
          v128_t where = wasm_i32x4_splat(-1);
          for (int ih = h_start; ih < h_end; ih++) {
            for (int iw = w_start; iw < w_end; iw++) {
              const int offset = ((b * in_h + ih) * in_w + iw) * channels + c;
              const v128_t v = wasm_v128_load(x + offset);
              const v128_t greater = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, greater);
              where = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat(offset), lanes), where, greater);
            }
          }
          wasm_v128_store(y + c, best);
          wasm_v128_store(argmax + c, where);
        }
        for (; c < channels; c++) {
          float best = neg_inf;
          int where = -1;
          for (int ih = h_start; ih < h_end; ih++) {
            for (int iw = w_start; iw < w_end; iw++) {
              const int offset = ((b * in_h + ih) * in_w + iw) * channels + c;
              if (x[offset] > best) {
                best = x[offset];
                where = offset;
              }
            }
          }
          y[c] = best;
          argmax[c] = where;
        }
      }
    }
  }
}

/* The gradient of maxpool: each dy goes to the x its maximum came from. */
EXPORT(maxpool_backward)
void maxpool_backward(int out_size, int in_size, const float *dy, const int *argmax, float *dx) {
  zero_floats(dx, in_size);
  for (int i = 0; i < out_size; i++) {
    if (argmax[i] >= 0) dx[argmax[i]] += dy[i];
  }
}

/*
 * The two gradients of a depthwise convolution with `multiplier` outputs per input channel
 * walk the same (input pixel, filter tap, output pixel) triples:
 *   filter gradient: dfilter[kh][kw][c][m] = Σ_{b, oh, ow} x[b][ih][iw][c] · dy[b][oh][ow][c·multiplier + m]
 *   input gradient:  dx[b][ih][iw][c]      = Σ_{kh, kw, m} dy[b][oh][ow][c·multiplier + m] · filter[kh][kw][c][m]
 * `image` is x (read) and `filter` dfilter (written) for the first, dx (written) and the
 * filter (read) for the second; want_filter is a constant in each caller, so each gets
 * its own loop.
 */
INLINE void depthwise_backprop(int want_filter, int batch, int in_h, int in_w, int channels,
                               int out_h, int out_w, int filter_h, int filter_w, int stride_h,
                               int stride_w, int dil_h, int dil_w, int pad_top, int pad_left,
                               int multiplier, const float *dy, float *image, float *filter) {
  const int out_channels = channels * multiplier;
  if (want_filter) zero_floats(filter, filter_h * filter_w * out_channels);
  else zero_floats(image, batch * in_h * in_w * channels);
  for (int b = 0; b < batch; b++) {
    for (int oh = 0; oh < out_h; oh++) {
      for (int ow = 0; ow < out_w; ow++, dy += out_channels) {
        for (int kh = 0; kh < filter_h; kh++) {
          const int ih = oh * stride_h - pad_top + kh * dil_h;
          if (ih < 0 || ih >= in_h) continue;
          for (int kw = 0; kw < filter_w; kw++) {
            const int iw = ow * stride_w - pad_left + kw * dil_w;
            if (iw < 0 || iw >= in_w) continue;
            float *pixel = image + ((b * in_h + ih) * in_w + iw) * channels;
            float *tap = filter + (kh * filter_w + kw) * out_channels;
            if (want_filter && multiplier == 1) {
              add_products(tap, pixel, dy, channels);
            } else if (want_filter) {
              for (int c = 0; c < channels; c++)
                for (int m = 0; m < multiplier; m++) tap[c * multiplier + m] += pixel[c] * dy[c * multiplier + m];
            } else if (multiplier == 1) {
              add_products(pixel, dy, tap, channels);
            } else {
              for (int c = 0; c < channels; c++) {
                float sum = 0.0f;
                for (int m = 0; m < multiplier; m++) sum += dy[c * multiplier + m] * tap[c * multiplier + m];
                pixel[c] += sum;
              }
            }
          }
        }
      }
    }
  }
}

EXPORT(depthwise_filter_grad)
void depthwise_filter_grad(int batch, int in_h, int in_w, int channels, int out_h, int out_w,
                           int filter_h, int filter_w, int stride_h, int stride_w, int dil_h,
                           int dil_w, int pad_top, int pad_left, int multiplier, const float *x,
                           const float *dy, float *dfilter) {
  depthwise_backprop(1, batch, in_h, in_w, channels, out_h, out_w, filter_h, filter_w, stride_h,
                     stride_w, dil_h, dil_w, pad_top, pad_left, multiplier, dy, (float *)x, dfilter);
}

EXPORT(depthwise_input_grad)
void depthwise_input_grad(int batch, int in_h, int in_w, int channels, int out_h, int out_w,
                          int filter_h, int filter_w, int stride_h, int stride_w, int dil_h,
                          int dil_w, int pad_top, int pad_left, int multiplier, const float *dy,
                          const float *filter, float *dx) {
  depthwise_backprop(0, batch, in_h, in_w, channels, out_h, out_w, filter_h, filter_w, stride_h,
                     stride_w, dil_h, dil_w, pad_top, pad_left, multiplier, dy, dx, (float *)filter);
}

/* out[j] = Σ_i x[i][j] for x [rows][cols]: a bias gradient, the sum of dy over every output
 * pixel of the batch, in one pass (tfjs' wasm Sum transposes first to reduce an outer axis).
 * Sixteen columns at a time in four register accumulators, rows in order, so each column's
 * sum is the same sequence of float additions whatever the width. */
EXPORT(column_sums)
void column_sums(int rows, int cols, const float *x, float *out) {
  int j = 0;
  for (; j + 16 <= cols; j += 16) {
    v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
    const float *p = x + j;
    for (int i = 0; i < rows; i++, p += cols) {
      a0 = wasm_f32x4_add(a0, wasm_v128_load(p));
      a1 = wasm_f32x4_add(a1, wasm_v128_load(p + 4));
      a2 = wasm_f32x4_add(a2, wasm_v128_load(p + 8));
      a3 = wasm_f32x4_add(a3, wasm_v128_load(p + 12));
    }
    wasm_v128_store(out + j, a0);
    wasm_v128_store(out + j + 4, a1);
    wasm_v128_store(out + j + 8, a2);
    wasm_v128_store(out + j + 12, a3);
  }
  for (; j + 4 <= cols; j += 4) {
    v128_t a = wasm_f32x4_splat(0.0f);
    const float *p = x + j;
    for (int i = 0; i < rows; i++, p += cols) a = wasm_f32x4_add(a, wasm_v128_load(p));
    wasm_v128_store(out + j, a);
  }
  for (; j < cols; j++) {
    float a = 0.0f;
    const float *p = x + j;
    for (int i = 0; i < rows; i++, p += cols) a += *p;
    out[j] = a;
  }
}
