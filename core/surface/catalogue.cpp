// The built-in surfaces. Each is written once, as a template over the scalar type, and instantiated three
// times: double for values (the mesh's hot loop), Eigen's AutoDiffScalar over a 2-vector for gradients,
// and AutoDiffScalar nested in itself for Hessians, so every derivative the lab shows is exact (to rounding)
// rather than a finite difference. tests/core/surface/test_catalogue.cpp checks all three against central
// differences at several points of every surface.
//
// Eigen's AutoDiff has no pow() for nested scalars, so powers are written as products (sq, cube).

// GCC 12 flags _mm512_undefined_epi32() inside its own avx512fintrin.h as "used uninitialized" when Eigen's
// float sin/cos are inlined here (the same GCC bug 105593 the top CMakeLists silences for the "maybe" form).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <Eigen/Core>
#include <unsupported/Eigen/AutoDiff>

#include <cctype>
#include <cmath>
#include <type_traits>

#include "core/surface/builtin.h"

namespace attend::surface {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kE = 2.71828182845904523536;

template <class T>
T sq(const T& a) {
  return a * a;
}
template <class T>
T cube(const T& a) {
  return a * a * a;
}

// sin and cos of the scalar type T. Eigen vectorises them for float only, so a mesh row (T = ArrayXd)
// takes them through float SIMD: a mesh height is then good to about 1e-6 relative, plenty for drawing,
// while every number a readout shows comes from the double and AutoDiff paths, which use std::sin/cos.
template <class T, class E>
T sine(const E& e) {
  if constexpr (std::is_same_v<T, Eigen::ArrayXd>) {
    Eigen::ArrayXf v = T(e).template cast<float>();  // a float temporary keeps sin on the SIMD path
    v = v.sin();
    return v.template cast<double>();
  } else {
    using std::sin;
    return sin(T(e));
  }
}
template <class T, class E>
T cosine(const E& e) {
  if constexpr (std::is_same_v<T, Eigen::ArrayXd>) {
    Eigen::ArrayXf v = T(e).template cast<float>();
    v = v.cos();
    return v.template cast<double>();
  } else {
    using std::cos;
    return cos(T(e));
  }
}

// ---- the surfaces --------------------------------------------------------------------------------------

struct Bowl {  // κ = 10: plain gradient descent zigzags across the narrow axis
  template <class T>
  T operator()(const T& x, const T& y) const {
    return 0.5 * (x * x + 10.0 * y * y);
  }
};

struct Ravine {  // a narrow curved valley, floor rising gently towards the origin
  template <class T>
  T operator()(const T& x, const T& y) const {
    return 0.05 * x * x + 5.0 * sq(T(y - 0.5 * sine<T>(2.0 * x)));
  }
};

struct Saddle {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return x * x - y * y;
  }
};

struct MonkeySaddle {  // three valleys meet: the Hessian vanishes at the origin
  template <class T>
  T operator()(const T& x, const T& y) const {
    return cube(x) - 3.0 * x * y * y;
  }
};

struct FlatSaddle {  // a saddle whose way down is flat to fourth order: optimizers crawl off it
  template <class T>
  T operator()(const T& x, const T& y) const {
    const T y2 = y * y;
    return x * x - y2 * y2 + y2 * y2 * y2 / 6.0;
  }
};

struct DoubleWell {  // two minima joined over a saddle
  template <class T>
  T operator()(const T& x, const T& y) const {
    return x * x + sq(T(y * y - 1.0));
  }
};

struct Plateau {  // a bowl that flattens out: far from the centre the gradient all but vanishes
  template <class T>
  T operator()(const T& x, const T& y) const {
    using std::exp;
    return 1.0 - exp(-0.5 * (x * x + y * y));
  }
};

struct Rosenbrock {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return sq(T(1.0 - x)) + 100.0 * sq(T(y - x * x));
  }
};

struct Himmelblau {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return sq(T(x * x + y - 11.0)) + sq(T(x + y * y - 7.0));
  }
};

struct Beale {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return sq(T(1.5 - x + x * y)) + sq(T(2.25 - x + x * y * y)) + sq(T(2.625 - x + x * cube(y)));
  }
};

struct SixHumpCamel {
  template <class T>
  T operator()(const T& x, const T& y) const {
    const T x2 = x * x, y2 = y * y;
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2;
  }
};

struct ThreeHumpCamel {
  template <class T>
  T operator()(const T& x, const T& y) const {
    const T x2 = x * x;
    return 2.0 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6.0 + x * y + y * y;
  }
};

struct Rastrigin {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return 20.0 + x * x + y * y - 10.0 * (cosine<T>(2.0 * kPi * x) + cosine<T>(2.0 * kPi * y));
  }
};

struct Ackley {
  // The cone at the origin has no derivative; 1e-24 under the root keeps the AutoDiff numbers finite there
  // while changing no value by more than 1e-11.
  template <class T>
  T operator()(const T& x, const T& y) const {
    using std::exp;
    using std::sqrt;
    return -20.0 * exp(-0.2 * sqrt(T(0.5 * (x * x + y * y) + 1e-24))) -
           exp(0.5 * (cosine<T>(2.0 * kPi * x) + cosine<T>(2.0 * kPi * y))) + (kE + 20.0);
  }
};

struct Booth {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return sq(T(x + 2.0 * y - 7.0)) + sq(T(2.0 * x + y - 5.0));
  }
};

struct Matyas {
  template <class T>
  T operator()(const T& x, const T& y) const {
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
  }
};

struct StyblinskiTang {
  template <class T>
  T operator()(const T& x, const T& y) const {
    const T x2 = x * x, y2 = y * y;
    return 0.5 * (x2 * x2 - 16.0 * x2 + 5.0 * x + y2 * y2 - 16.0 * y2 + 5.0 * y);
  }
};

struct GoldsteinPrice {
  template <class T>
  T operator()(const T& x, const T& y) const {
    const T a = 1.0 + sq(T(x + y + 1.0)) * (19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y);
    const T b = 30.0 + sq(T(2.0 * x - 3.0 * y)) * (18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y);
    return a * b;
  }
};

struct Levi {  // Lévi N.13
  template <class T>
  T operator()(const T& x, const T& y) const {
    return sq(T(sine<T>(3.0 * kPi * x))) + sq(T(x - 1.0)) * (1.0 + sq(T(sine<T>(3.0 * kPi * y)))) +
           sq(T(y - 1.0)) * (1.0 + sq(T(sine<T>(2.0 * kPi * y))));
  }
};

struct Easom {  // a flat plain with one narrow hole: the gradient is zero to machine precision almost everywhere
  template <class T>
  T operator()(const T& x, const T& y) const {
    using std::exp;
    return -cosine<T>(x) * cosine<T>(y) * exp(-(sq(T(x - kPi)) + sq(T(y - kPi))));
  }
};

// ---- the three instantiations --------------------------------------------------------------------------

using Ad1 = Eigen::AutoDiffScalar<Eigen::Vector2d>;
using Ad2 = Eigen::AutoDiffScalar<Eigen::Matrix<Ad1, 2, 1>>;

template <class F>
double value_of(double x, double y) {
  return F{}(x, y);
}

// A whole row at once: the same template over Eigen arrays, so exp, sin and the arithmetic run on SIMD
// packets (the mesh's 65,536 values in a millisecond or two instead of several).
template <class F>
void row_of(const double* xs, double y, double* out, int n) {
  const Eigen::Map<const Eigen::ArrayXd> x(xs, n);
  const Eigen::ArrayXd yv = Eigen::ArrayXd::Constant(n, y);
  Eigen::Map<Eigen::ArrayXd>(out, n) = F{}(Eigen::ArrayXd(x), yv);
}

template <class F>
Vec2 gradient_of(double x, double y) {
  const Ad1 ax(x, 2, 0), ay(y, 2, 1);
  const Ad1 r = F{}(ax, ay);
  return {r.derivatives()(0), r.derivatives()(1)};
}

template <class F>
Derivs derivs_of(double x, double y) {
  // Outer derivatives seed the second order; inner ones the first.
  Ad2 ax, ay;
  ax.value() = Ad1(x, 2, 0);
  ay.value() = Ad1(y, 2, 1);
  const Ad1 one(1.0, Eigen::Vector2d::Zero()), zero(0.0, Eigen::Vector2d::Zero());
  ax.derivatives() << one, zero;
  ay.derivatives() << zero, one;
  const Ad2 r = F{}(ax, ay);
  Derivs d;
  d.f = r.value().value();
  d.g = {r.value().derivatives()(0), r.value().derivatives()(1)};
  d.h.xx = r.derivatives()(0).derivatives()(0);
  d.h.xy = 0.5 * (r.derivatives()(0).derivatives()(1) + r.derivatives()(1).derivatives()(0));
  d.h.yy = r.derivatives()(1).derivatives()(1);
  return d;
}

template <class F>
BuiltinDef def(const char* id, const char* title, const char* formula, const char* note, Box box, HeightScale scale,
               std::vector<Vec2> minima) {
  return BuiltinDef{id, title, formula, note, box, scale, std::move(minima), &value_of<F>, &row_of<F>, &gradient_of<F>, &derivs_of<F>};
}

std::vector<BuiltinDef> make_defs() {
  const HeightScale lin = HeightScale::Linear, log = HeightScale::Log;
  std::vector<BuiltinDef> d;
  d.push_back(def<Bowl>("bowl", "Ill-conditioned bowl", "½(x² + 10y²)",
                        "Curvature 1 along x, 10 along y: a step that suits y overshoots, one that suits x crawls.",
                        {-3, 3, -3, 3}, lin, {{0, 0}}));
  d.push_back(def<Ravine>("ravine", "Ravine", "0.05x² + 5(y − ½ sin 2x)²",
                          "A narrow curved valley with a gentle floor: momentum follows the floor, SGD bounces off the walls.",
                          {-4, 4, -3, 3}, lin, {{0, 0}}));
  d.push_back(def<Saddle>("saddle", "Saddle", "x² − y²", "Up along x, down along y: the gradient vanishes at the origin, which is no minimum.",
                          {-2, 2, -2, 2}, lin, {}));
  d.push_back(def<MonkeySaddle>("monkey-saddle", "Monkey saddle", "x³ − 3xy²",
                                "Three valleys meet at a point where the Hessian is zero: a degenerate critical point.",
                                {-2, 2, -2, 2}, lin, {}));
  d.push_back(def<FlatSaddle>("flat-saddle", "Flat saddle", "x² − y⁴ + y⁶/6",
                              "A saddle whose way down is flat: one Hessian eigenvalue is 0, so the escape is slow.",
                              {-3, 3, -3, 3}, lin, {{0, -2}, {0, 2}}));
  d.push_back(def<DoubleWell>("double-well", "Double well", "x² + (y² − 1)²",
                              "Two minima joined over a saddle: a start on the ridge line stalls at the saddle.",
                              {-2, 2, -2, 2}, lin, {{0, -1}, {0, 1}}));
  d.push_back(def<Plateau>("plateau", "Plateau", "1 − exp(−(x² + y²)/2)",
                           "Far from the centre the gradient all but vanishes: plain SGD barely moves, adaptive methods do.",
                           {-4, 4, -4, 4}, lin, {{0, 0}}));
  d.push_back(def<Rosenbrock>("rosenbrock", "Rosenbrock", "(1 − x)² + 100(y − x²)²",
                              "A curved banana valley: easy to reach, slow to follow to the minimum at (1, 1).",
                              {-2, 2, -1, 3}, log, {{1, 1}}));
  d.push_back(def<Himmelblau>("himmelblau", "Himmelblau", "(x² + y − 11)² + (x + y² − 7)²",
                              "Four equal minima, one maximum and four saddles between them.", {-5, 5, -5, 5}, lin,
                              {{3, 2}, {-2.805118086952745, 3.131312518250573}, {-3.779310253377747, -3.283185991286170},
                               {3.584428340330492, -1.848126526964404}}));
  d.push_back(def<Beale>("beale", "Beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
                         "Flat plains and steep walls: the gradient's scale changes by orders of magnitude.",
                         {-4.5, 4.5, -4.5, 4.5}, log, {{3, 0.5}}));
  d.push_back(def<SixHumpCamel>("six-hump-camel", "Six-hump camel", "(4 − 2.1x² + x⁴/3)x² + xy + (4y² − 4)y²",
                                "Six minima, two of them global: where you start decides where you end.",
                                {-2.2, 2.2, -1.2, 1.2}, lin, {{0.08984201310031806, -0.7126564030207396}, {-0.08984201310031806, 0.7126564030207396}}));
  d.push_back(def<ThreeHumpCamel>("three-hump-camel", "Three-hump camel", "2x² − 1.05x⁴ + x⁶/6 + xy + y²",
                                  "One global minimum between two shallower ones.", {-2.5, 2.5, -2.5, 2.5}, lin, {{0, 0}}));
  d.push_back(def<Rastrigin>("rastrigin", "Rastrigin", "20 + x² + y² − 10(cos 2πx + cos 2πy)",
                             "A bowl covered in ripples: hundreds of local minima on a regular grid.",
                             {-5.12, 5.12, -5.12, 5.12}, lin, {{0, 0}}));
  d.push_back(def<Ackley>("ackley", "Ackley", "−20 exp(−0.2√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20",
                          "A nearly flat, bumpy plain around one sharp funnel.", {-5, 5, -5, 5}, lin, {{0, 0}}));
  d.push_back(def<Booth>("booth", "Booth", "(x + 2y − 7)² + (2x + y − 5)²", "A tilted quadratic bowl.",
                         {-10, 10, -10, 10}, lin, {{1, 3}}));
  d.push_back(def<Matyas>("matyas", "Matyas", "0.26(x² + y²) − 0.48xy",
                          "A flat diagonal valley: curvatures 0.04 and 1 along the two diagonals.", {-10, 10, -10, 10}, lin, {{0, 0}}));
  d.push_back(def<StyblinskiTang>("styblinski-tang", "Styblinski–Tang", "½(x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
                                  "Four minima of different depths, a maximum and four saddles on a 3×3 lattice.",
                                  {-5, 5, -5, 5}, lin, {{-2.903534027771178, -2.903534027771178}}));
  d.push_back(def<GoldsteinPrice>("goldstein-price", "Goldstein–Price",
                                  "[1 + (x+y+1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]·[30 + (2x−3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]",
                                  "Values from 3 to a million: only a log scale shows its shape.", {-2, 2, -2, 2}, log, {{0, -1}}));
  d.push_back(def<Levi>("levi", "Lévi N.13", "sin²3πx + (x − 1)²(1 + sin²3πy) + (y − 1)²(1 + sin²2πy)",
                        "Ripples in x and y around a minimum at (1, 1).", {-4, 4, -4, 4}, lin, {{1, 1}}));
  d.push_back(def<Easom>("easom", "Easom", "−cos x cos y exp(−((x − π)² + (y − π)²))",
                         "A flat plain with one narrow hole: no gradient points to it from afar.", {-2, 8, -2, 8}, lin,
                         {{kPi, kPi}}));
  return d;
}

}  // namespace

const std::vector<BuiltinDef>& builtin_defs() {
  static const std::vector<BuiltinDef> defs = make_defs();
  return defs;
}

const BuiltinDef* find_builtin(const std::string& id) {
  std::string lower;
  for (char c : id) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const BuiltinDef& d : builtin_defs())
    if (lower == d.id) return &d;
  return nullptr;
}

}  // namespace attend::surface
