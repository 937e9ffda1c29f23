/*
 * The machine's limit for the exact 1-D Gaussian Nadaraya–Watson estimate, against which the backends'
 * speeds are read: for m queries over n keys, the numerator Σ_j e^{−(q−k_j)²/2h²} v_j and denominator
 * Σ_j e^{−(q−k_j)²/2h²}, every pair evaluated (no windows, no truncation), in float32 and float64.
 *
 * Nothing but that: keys and values in the working precision, the constant −log2(e)/2h² folded so that
 * each pair is one 2^x, a polynomial 2^x of ~1–2 ulp (x = k + f, |f| ≤ ½, minimax in f, 2^k from
 * exponent bits), no log-sum-exp scaling, several accumulators per query for instruction-level
 * parallelism, AVX-512 where the compiler targets it (-march=native) else AVX2+FMA, OpenMP over queries.
 *
 *   gcc -O3 -fopenmp -march=native -o roofline roofline.c && ./roofline [n] [m] [runs] [threads,…]
 *
 * prints one JSON object: the instruction set, n, m and, per precision and thread count, pairs/s (the
 * median of `runs` timed runs after a warm-up) — and pairs per CPU-second under "cpu", which other
 * processes sharing the cores disturb less — with the largest error of a few estimates against libm.
 */
#include <immintrin.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if !defined(__AVX2__) || !defined(__FMA__)
#error "the roofline needs AVX2 and FMA (or AVX-512): build with -march=native on such a machine"
#endif

/* 2^f on |f| ≤ ½: minimax coefficients (native/tools-style Chebyshev fits in 50-digit arithmetic). */
static const double P32[6] = {1.0000000754548972, 0.6931471880262288, 0.2402210748530834,
                              0.05550357114219078, 0.009676031918322054, 0.0013390863364671234};
static const double P64[11] = {1.0, 0.69314718055995, 0.24022650695910097, 0.05550410866444772,
                               0.009618129107606888, 0.0013333558230164974, 0.0001540353044173605,
                               1.5252657260200837e-05, 1.321544258792169e-06, 1.0208690299958306e-07,
                               7.072585949269223e-09};

#if defined(__AVX512F__)
#define ISA "avx512"
typedef __m512 vf;
typedef __m512d vd;
#define LF 16
#define LD 8
#define F_SET _mm512_set1_ps
#define F_LOAD _mm512_loadu_ps
#define F_ADD _mm512_add_ps
#define F_SUB _mm512_sub_ps
#define F_MUL _mm512_mul_ps
#define F_FMA _mm512_fmadd_ps
#define F_MAX _mm512_max_ps
#define F_BITS(t) _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(t), 23))
#define F_SUM(v) ((double)_mm512_reduce_add_ps(v))
#define D_SET _mm512_set1_pd
#define D_LOAD _mm512_loadu_pd
#define D_ADD _mm512_add_pd
#define D_SUB _mm512_sub_pd
#define D_MUL _mm512_mul_pd
#define D_FMA _mm512_fmadd_pd
#define D_MAX _mm512_max_pd
#define D_BITS(t) _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(t), 52))
#define D_SUM(v) _mm512_reduce_add_pd(v)
#else
#define ISA "avx2"
typedef __m256 vf;
typedef __m256d vd;
#define LF 8
#define LD 4
#define F_SET _mm256_set1_ps
#define F_LOAD _mm256_loadu_ps
#define F_ADD _mm256_add_ps
#define F_SUB _mm256_sub_ps
#define F_MUL _mm256_mul_ps
#define F_FMA _mm256_fmadd_ps
#define F_MAX _mm256_max_ps
#define F_BITS(t) _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(t), 23))
static double F_SUM(vf v) {
  float a[8];
  _mm256_storeu_ps(a, v);
  double s = 0;
  for (int i = 0; i < 8; i++) s += a[i];
  return s;
}
#define D_SET _mm256_set1_pd
#define D_LOAD _mm256_loadu_pd
#define D_ADD _mm256_add_pd
#define D_SUB _mm256_sub_pd
#define D_MUL _mm256_mul_pd
#define D_FMA _mm256_fmadd_pd
#define D_MAX _mm256_max_pd
#define D_BITS(t) _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(t), 52))
static double D_SUM(vd v) {
  double a[4];
  _mm256_storeu_pd(a, v);
  return a[0] + a[1] + a[2] + a[3];
}
#endif

/* 2^x for x ≤ 0 (clamped at the smallest normal exponent): round x with the 1.5·2^23 + 127 magic,
 * whose low bits then hold the biased exponent of 2^k. */
static inline vf exp2f_v(vf x) {
  x = F_MAX(x, F_SET(-126.0f));
  const vf magic = F_SET(12583039.0f);
  const vf t = F_ADD(x, magic);
  const vf f = F_SUB(x, F_SUB(t, magic));
  vf p = F_SET((float)P32[5]);
  for (int c = 4; c >= 0; c--) p = F_FMA(p, f, F_SET((float)P32[c]));
  return F_MUL(p, F_BITS(t));
}

static inline vd exp2d_v(vd x) {
  x = D_MAX(x, D_SET(-1022.0));
  const vd magic = D_SET(6755399441056767.0); /* 1.5·2^52 + 1023 */
  const vd t = D_ADD(x, magic);
  const vd f = D_SUB(x, D_SUB(t, magic));
  vd p = D_SET(P64[10]);
  for (int c = 9; c >= 0; c--) p = D_FMA(p, f, D_SET(P64[c]));
  return D_MUL(p, D_BITS(t));
}

/* n is a multiple of 4 vectors (the caller pads with keys whose weight is 0). */
static void nw32(const float* k, const float* v, int n, const float* q, int m, float c, double* num, double* den) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < m; i++) {
    const vf qi = F_SET(q[i]), cc = F_SET(c);
    vf s0 = F_SET(0), s1 = s0, s2 = s0, s3 = s0, w0 = s0, w1 = s0, w2 = s0, w3 = s0;
    for (int j = 0; j < n; j += 4 * LF) {
#define STEP(s, w, o)                                          \
  {                                                            \
    const vf d = F_SUB(qi, F_LOAD(k + j + o));                 \
    const vf e = exp2f_v(F_MUL(F_MUL(d, d), cc));              \
    s = F_ADD(s, e);                                           \
    w = F_FMA(e, F_LOAD(v + j + o), w);                        \
  }
      STEP(s0, w0, 0) STEP(s1, w1, LF) STEP(s2, w2, 2 * LF) STEP(s3, w3, 3 * LF)
#undef STEP
    }
    den[i] = F_SUM(F_ADD(F_ADD(s0, s1), F_ADD(s2, s3)));
    num[i] = F_SUM(F_ADD(F_ADD(w0, w1), F_ADD(w2, w3)));
  }
}

static void nw64(const double* k, const double* v, int n, const double* q, int m, double c, double* num, double* den) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < m; i++) {
    const vd qi = D_SET(q[i]), cc = D_SET(c);
    vd s0 = D_SET(0), s1 = s0, s2 = s0, s3 = s0, w0 = s0, w1 = s0, w2 = s0, w3 = s0;
    for (int j = 0; j < n; j += 4 * LD) {
#define STEP(s, w, o)                                          \
  {                                                            \
    const vd d = D_SUB(qi, D_LOAD(k + j + o));                 \
    const vd e = exp2d_v(D_MUL(D_MUL(d, d), cc));              \
    s = D_ADD(s, e);                                           \
    w = D_FMA(e, D_LOAD(v + j + o), w);                        \
  }
      STEP(s0, w0, 0) STEP(s1, w1, LD) STEP(s2, w2, 2 * LD) STEP(s3, w3, 3 * LD)
#undef STEP
    }
    den[i] = D_SUM(D_ADD(D_ADD(s0, s1), D_ADD(s2, s3)));
    num[i] = D_SUM(D_ADD(D_ADD(w0, w1), D_ADD(w2, w3)));
  }
}

static double cpuSeconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int cmp(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

/* The largest relative error of the estimates num/den on a few queries, against libm in double. */
static double check(const double* k, const double* v, int n, const double* q, const double* num, const double* den, double h) {
  double worst = 0;
  for (int i = 0; i < 8; i++) {
    double s = 0, w = 0;
    for (int j = 0; j < n; j++) {
      const double d = (q[i] - k[j]) / h, e = exp(-0.5 * d * d);
      s += e;
      w += e * v[j];
    }
    const double err = fabs(num[i] / den[i] - w / s) / (1 + fabs(w / s));
    if (err > worst) worst = err;
  }
  return worst;
}

int main(int argc, char** argv) {
  const int n0 = argc > 1 ? atoi(argv[1]) : 16384;
  const int m = argc > 2 ? atoi(argv[2]) : 16384;
  const int runs = argc > 3 ? atoi(argv[3]) : 5;
  const char* threadList = argc > 4 ? argv[4] : "1,2";
  const int n = (n0 + 4 * LF - 1) / (4 * LF) * (4 * LF);
  /* the chapter's data, as bench/backends-child.ts draws it: x ~ U(0, 5), y = 2 sin x + x + noise */
  double *kd = malloc(sizeof(double) * n), *vd_ = malloc(sizeof(double) * n), *qd = malloc(sizeof(double) * m);
  float *kf = malloc(sizeof(float) * n), *vf_ = malloc(sizeof(float) * n), *qf = malloc(sizeof(float) * m);
  double *num = malloc(sizeof(double) * m), *den = malloc(sizeof(double) * m);
  double *times = malloc(sizeof(double) * runs), *cpu = malloc(sizeof(double) * runs);
  unsigned long long s = 88172645463325252ULL;
#define UNIFORM() (s ^= s << 13, s ^= s >> 7, s ^= s << 17, (double)(s >> 11) / 9007199254740992.0)
  for (int j = 0; j < n; j++) {
    kd[j] = 5 * UNIFORM();
    vd_[j] = j < n0 ? 2 * sin(kd[j]) + kd[j] + (UNIFORM() - 0.5) : 0;
    kf[j] = (float)kd[j];
    vf_[j] = (float)vd_[j];
  }
  for (int i = 0; i < m; i++) qf[i] = (float)(qd[i] = 5 * UNIFORM());
  /* padding keys sit far away: weight 2^-126·… ≈ 0, value 0 */
  for (int j = n0; j < n; j++) kf[j] = (float)(kd[j] = 1e4);
  const double h = 0.3, c = -0.5 / (h * h) * 1.4426950408889634;

  printf("{\"isa\":\"%s\",\"n\":%d,\"m\":%d,\"runs\":%d", ISA, n0, m, runs);
  for (int prec = 0; prec < 2; prec++) {
    char list[256], wall[1024] = "", perCpu[1024] = "";
    strncpy(list, threadList, sizeof list - 1);
    list[sizeof list - 1] = 0;
    double err = 0;
    for (char* tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
      const int threads = atoi(tok);
      omp_set_num_threads(threads);
      for (int r = -1; r < runs; r++) {
        const double t0 = omp_get_wtime(), c0 = cpuSeconds();
        if (prec == 0) nw32(kf, vf_, n, qf, m, (float)c, num, den);
        else nw64(kd, vd_, n, qd, m, c, num, den);
        if (r >= 0) times[r] = omp_get_wtime() - t0, cpu[r] = cpuSeconds() - c0;
      }
      qsort(times, runs, sizeof(double), cmp);
      qsort(cpu, runs, sizeof(double), cmp);
      const double pairs = (double)n0 * m;
      snprintf(wall + strlen(wall), sizeof wall - strlen(wall), "%s\"%d\":%.4g", *wall ? "," : "", threads, pairs / times[runs / 2]);
      snprintf(perCpu + strlen(perCpu), sizeof perCpu - strlen(perCpu), "%s\"%d\":%.4g", *perCpu ? "," : "", threads, pairs / cpu[runs / 2]);
      err = check(kd, vd_, n0, qd, num, den, h);
    }
    printf(",\"%s\":{%s,\"cpu\":{%s},\"maxRelError\":%.2g}", prec == 0 ? "float32" : "float64", wall, perCpu, err);
  }
  printf("}\n");
  return 0;
}
