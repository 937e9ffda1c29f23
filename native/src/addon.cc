// The N-API face of the addon: run(job, out, threads, isa), looScan(job, out, threads, isa), isas(),
// hardwareThreads() and probe(). Every array is checked against the job's sizes here, so a malformed job
// throws instead of reading out of bounds.
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdio.h>
#include <string.h>
#include <thread>
#include "run.h"
#include "scan.h"

namespace {

// Throws (a pending JavaScript exception) and returns false, for `if (!check(...)) return nullptr;`.
bool fail(napi_env env, const char* message) {
  napi_throw_type_error(env, "E_NATIVE", message);
  return false;
}

struct Reader {
  napi_env env;
  napi_value object;
  const char* owner;  // 'job' or 'out', for the messages
  bool ok = true;
  char error[160] = {0};

  napi_value property(const char* name) {
    napi_value v;
    if (napi_get_named_property(env, object, name, &v) != napi_ok) return nullptr;
    return v;
  }
  void problem(const char* name, const char* what) {
    if (ok) snprintf(error, sizeof error, "native: %s.%s %s", owner, name, what);
    ok = false;
  }
  double number(const char* name) {
    double x = 0;
    napi_value v = property(name);
    if (!v || napi_get_value_double(env, v, &x) != napi_ok) problem(name, "is not a number");
    return x;
  }
  int32_t integer(const char* name) {
    const double x = number(name);
    if (!(x >= 0 && x <= 2147483647.0) || x != (int32_t)x) problem(name, "is not a non-negative 32-bit integer");
    return (int32_t)x;
  }
  bool isNull(napi_value v) {
    napi_valuetype t;
    return !v || napi_typeof(env, v, &t) != napi_ok || t == napi_null || t == napi_undefined;
  }
  // A typed array of the given type with at least `need` elements; null when optional and absent.
  void* array(const char* name, napi_typedarray_type want, int64_t need, bool optional) {
    napi_value v = property(name);
    if (isNull(v)) {
      if (!optional) problem(name, "is missing");
      return nullptr;
    }
    bool is = false;
    napi_typedarray_type type;
    size_t length;
    void* data;
    if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
        napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok || type != want) {
      problem(name, want == napi_float64_array ? "is not a Float64Array" : "is not an Int32Array");
      return nullptr;
    }
    if ((int64_t)length < need) problem(name, "is shorter than the job's sizes say");
    return data;
  }
  const double* f64(const char* name, int64_t need, bool optional = false) {
    return (const double*)array(name, napi_float64_array, need, optional);
  }
  const int32_t* i32(const char* name, int64_t need) { return (const int32_t*)array(name, napi_int32_array, need, true); }
  double* out(const char* name, int64_t need) { return (double*)array(name, napi_float64_array, need, false); }
  bool string(const char* name, char* buf, size_t size) {
    napi_value v = property(name);
    size_t len;
    return v && napi_get_value_string_utf8(env, v, buf, size, &len) == napi_ok;
  }
};

bool readJob(napi_env env, napi_value jobValue, napi_value outValue, NwJob& J, char* error, size_t errorSize) {
  Reader r{env, jobValue, "job"};
  J.n = r.integer("n");
  J.d = r.integer("d");
  J.p = r.integer("p");
  J.m = r.integer("m");
  const int64_t n = J.n, d = J.d, p = J.p, m = J.m;
  J.similarity = r.integer("similarity");
  J.kernelId = r.integer("kernelId");
  J.shape = r.integer("shape");
  J.invTemperature = r.number("invTemperature");
  char precision[16] = {0};
  if (!r.string("precision", precision, sizeof precision)) r.problem("precision", "is not a string");
  J.single = strcmp(precision, "float32") == 0;
  if (!J.single && strcmp(precision, "float64") != 0) r.problem("precision", "is neither 'float64' nor 'float32'");
  J.keys = r.f64("keys", n * d);
  J.queries = r.f64("queries", m * d);
  J.values = r.f64("values", n * p, p == 0);
  J.logWeights = r.f64("logWeights", n, true);
  J.invKeyScale = r.f64("invKeyScale", n, true);
  J.invWidth = r.f64("invWidth", d);
  J.lo = r.i32("lo", m);
  J.hi = r.i32("hi", m);
  J.exclude = r.i32("exclude", m);
  if (J.similarity != NW_SIM_KERNEL && J.similarity != NW_SIM_DOT) r.problem("similarity", "is unknown");
  if (J.similarity == NW_SIM_KERNEL && J.kernelId >= NW_KERNEL_COUNT) r.problem("kernelId", "is not a built-in kernel");
  if (!J.lo != !J.hi) r.problem("lo", "and hi must both be given or both be null");
  if (r.ok && J.lo) {
    for (int64_t i = 0; i < m; i++)
      if (!(0 <= J.lo[i] && J.lo[i] <= J.hi[i] && J.hi[i] <= J.n)) {
        r.problem("lo", "/ hi: a window outside [0, n]");
        break;
      }
  }
  Reader o{env, outValue, "out"};
  J.logScale = o.out("logScale", m);
  J.sum = o.out("sum", m);
  J.sumSq = o.out("sumSq", m);
  J.maxTerm = o.out("maxTerm", m);
  J.weighted = o.out("weighted", m * p);
  if (!o.ok && r.ok) memcpy(r.error, o.error, sizeof r.error), r.ok = false;
  if (!r.ok) snprintf(error, errorSize, "%s", r.error);
  return r.ok;
}

// The scan's job (scan-job.h): sizes, sorted keys, a positive c₀, a query range inside [0, n].
bool readScanJob(napi_env env, napi_value jobValue, napi_value outValue, NwScanJob& J, char* error, size_t errorSize) {
  Reader r{env, jobValue, "job"};
  J.n = r.integer("n");
  J.p = r.integer("p");
  J.widths = r.integer("widths");
  J.reanchor = r.integer("reanchor");
  J.from = r.integer("from");
  J.to = r.integer("to");
  J.c0 = r.number("c0");
  J.floor = r.number("floor");
  J.exactAbove = r.number("exactAbove");
  const int64_t n = J.n, p = J.p;
  J.keys = r.f64("keys", n);
  J.weights = r.f64("weights", n, true);
  J.values = r.f64("values", n * p, p == 0);
  J.anchor = r.f64("anchor", n);
  if (r.ok && J.widths < 1) r.problem("widths", "must be at least 1");
  if (r.ok && J.reanchor < 1) r.problem("reanchor", "must be at least 1");
  if (r.ok && !(J.from <= J.to && J.to <= J.n)) r.problem("from", "/ to: a query range outside [0, n]");
  if (r.ok && !(J.c0 > 0 && J.c0 < __builtin_inf())) r.problem("c0", "is not a positive finite number");
  // a floor of at least 2^−1000 keeps the walk's stop (a term below it) reachable by the vector exp
  if (r.ok && !(J.floor >= 0x1p-1000 && J.floor < 1)) r.problem("floor", "is not in [2^-1000, 1)");
  if (r.ok && !(J.exactAbove >= 0 && J.exactAbove < 1)) r.problem("exactAbove", "is not in [0, 1)");
  if (r.ok) {
    // the walk's early stop relies on the order (unsorted keys would give wrong sums, not a crash)
    for (int64_t j = 1; j < n; j++)
      if (!(J.keys[j - 1] <= J.keys[j])) {
        r.problem("keys", "are not in ascending order");
        break;
      }
  }
  const int64_t rows = r.ok ? (int64_t)(J.to - J.from) * J.widths : 0;
  Reader o{env, outValue, "out"};
  J.sum = o.out("sum", rows);
  J.weighted = p > 0 ? o.out("weighted", rows * p) : nullptr;
  if (!o.ok && r.ok) memcpy(r.error, o.error, sizeof r.error), r.ok = false;
  if (!r.ok) snprintf(error, errorSize, "%s", r.error);
  return r.ok;
}

const NwIsa* isaArgument(napi_env env, napi_value v) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_string) return nw_isa(0);
  char name[32] = {0};
  size_t len;
  napi_get_value_string_utf8(env, v, name, sizeof name, &len);
  return nw_isa_named(name);
}

// run(job, out, threads, isa | null)
napi_value Run(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 4) return fail(env, "native: run(job, out, threads, isa) takes 4 arguments"), nullptr;
  NwJob job = {};
  char error[200];
  if (!readJob(env, argv[0], argv[1], job, error, sizeof error)) return fail(env, error), nullptr;
  double threads = 1;
  napi_get_value_double(env, argv[2], &threads);
  const NwIsa* isa = isaArgument(env, argv[3]);
  if (!isa) return fail(env, "native: that instruction set does not run on this processor"), nullptr;
  const int t = threads >= 1024 ? 1024 : threads >= 1 ? (int)threads : 1;
  if (const char* why = nw_run(job, t, *isa)) return fail(env, why), nullptr;
  return nullptr;
}

// looScan(job, out, threads, isa | null)
napi_value LooScan(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 4) return fail(env, "native: looScan(job, out, threads, isa) takes 4 arguments"), nullptr;
  NwScanJob job = {};
  char error[200];
  if (!readScanJob(env, argv[0], argv[1], job, error, sizeof error)) return fail(env, error), nullptr;
  double threads = 1;
  napi_get_value_double(env, argv[2], &threads);
  const NwIsa* isa = isaArgument(env, argv[3]);
  if (!isa) return fail(env, "native: that instruction set does not run on this processor"), nullptr;
  const int t = threads >= 1024 ? 1024 : threads >= 1 ? (int)threads : 1;
  if (const char* why = nw_scan(job, t, *isa)) return fail(env, why), nullptr;
  return nullptr;
}

// isas(): [{ name, label, lanes }] of the instruction sets that run here, best first
napi_value Isas(napi_env env, napi_callback_info) {
  napi_value list;
  napi_create_array(env, &list);
  for (int i = 0; i < nw_isa_count(); i++) {
    const NwIsa* isa = nw_isa(i);
    napi_value item, name, label, lanes;
    napi_create_object(env, &item);
    napi_create_string_utf8(env, isa->name, NAPI_AUTO_LENGTH, &name);
    napi_create_string_utf8(env, isa->label, NAPI_AUTO_LENGTH, &label);
    napi_create_int32(env, isa->entry->floatLanes, &lanes);
    napi_set_named_property(env, item, "name", name);
    napi_set_named_property(env, item, "label", label);
    napi_set_named_property(env, item, "floatLanes", lanes);
    napi_set_element(env, list, i, item);
  }
  return list;
}

napi_value HardwareThreads(napi_env env, napi_callback_info) {
  napi_value v;
  napi_create_uint32(env, std::thread::hardware_concurrency(), &v);
  return v;
}

// probe(isa, fn: 0 exp | 1 log, single, xs: Float64Array) → Float64Array
napi_value Probe(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 4) return fail(env, "native: probe(isa, fn, single, xs) takes 4 arguments"), nullptr;
  const NwIsa* isa = isaArgument(env, argv[0]);
  if (!isa) return fail(env, "native: that instruction set does not run on this processor"), nullptr;
  int32_t fn = 0;
  bool single = false;
  napi_get_value_int32(env, argv[1], &fn);
  napi_get_value_bool(env, argv[2], &single);
  napi_typedarray_type type;
  size_t length;
  void* data;
  bool is = false;
  if (napi_is_typedarray(env, argv[3], &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, argv[3], &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_float64_array)
    return fail(env, "native: probe wants a Float64Array"), nullptr;
  napi_value buffer, result;
  void* out;
  napi_create_arraybuffer(env, length * 8, &out, &buffer);
  napi_create_typedarray(env, napi_float64_array, length, buffer, 0, &result);
  isa->entry->probe(fn, single, (const double*)data, (double*)out, (int64_t)length);
  return result;
}

}  // namespace

NAPI_MODULE_INIT() {
  const napi_property_descriptor methods[] = {
      {"run", nullptr, Run, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"looScan", nullptr, LooScan, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"isas", nullptr, Isas, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"hardwareThreads", nullptr, HardwareThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"probe", nullptr, Probe, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods);
  return exports;
}
