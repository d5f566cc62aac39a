// Limited-memory BFGS for smooth unconstrained problems, behaving like scipy's L-BFGS-B without bounds (the
// solver behind sklearn's LogisticRegression(solver='lbfgs')): memory 10, the first step of length 1 along
// −g/‖g‖, the Moré–Thuente line search of MINPACK-2 (dcsrch: ftol 1e-3, gtol 0.9, xtol 0.1), and the same
// two stopping rules — the largest gradient entry ≤ pgtol, or the relative decrease of f over one iteration
// ≤ factr·ε. Following the same path means stopping at the same not-quite-optimal point sklearn reports.
//
//   LbfgsResult r = minimize_lbfgs(n, [&](const double* x, double* g) { ...; return f; }, x0, {});
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace attend::classic {

struct LbfgsOptions {
  int memory = 10;
  int max_iter = 15000;
  double pgtol = 1e-5;          // sklearn passes its tol (1e-4) here
  double factr = 1e7;           // scipy's default ftol 2.22e-9 = factr · machine epsilon
  int max_line_search = 20;
};

struct LbfgsResult {
  int n_iter = 0;
  int n_eval = 0;
  double f = 0;
  bool converged = false;
  std::string message;          // which rule stopped it, in scipy's words
  std::vector<double> history;  // f at the start and after every iteration
};

// f(x, grad) returns f(x) and writes ∇f(x) into grad (both of length n). x is updated in place.
using LbfgsObjective = std::function<double(const double* x, double* grad)>;
LbfgsResult minimize_lbfgs(int n, const LbfgsObjective& f, std::vector<double>& x, const LbfgsOptions& o = {});

}  // namespace attend::classic
