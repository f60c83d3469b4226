// Baseline for the matching benchmark: a plain C++ dense assignment solver (Jonker–Volgenant:
// column reduction, reduction transfer, augmenting row reduction, shortest augmenting paths),
// written for this project so the TypeScript solver has an honest native yardstick.
//
// Input (binary, little-endian): int32 n, then n*n float64 weights, row-major; higher is better.
// Usage: matching-baseline instance.bin [solves]. Solves the instance `solves` times (default 1)
// in this one process, like the TypeScript side does, reusing the cost buffer as it reuses its
// heap: the first solve pays for fresh memory, later ones do not.
// Output: one JSON line {"n","objective","ms","cpuMs","firstMs","firstCpuMs"}: best and first
// solve. Each covers building the costs from the weights and the solve, not the file I/O (cpuMs
// is process CPU time, steadier than ms on a busy machine).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <vector>

namespace {

double cpuMsNow() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

const double INF = std::numeric_limits<double>::infinity();

// Minimum-cost perfect assignment of a square matrix; returns the column of every row.
std::vector<int> solve(int n, const std::vector<double>& c) {
  std::vector<int> x(n, -1), y(n, -1), freeRows(n), matches(n, 0);
  std::vector<double> v(n, INF);
  std::vector<int> argMin(n, -1);

  for (int i = 0; i < n; ++i) {
    const double* row = &c[static_cast<size_t>(i) * n];
    for (int j = 0; j < n; ++j) {
      if (row[j] < v[j]) {
        v[j] = row[j];
        argMin[j] = i;
      }
    }
  }
  for (int j = n - 1; j >= 0; --j) {
    int i = argMin[j];
    if (++matches[i] == 1) {
      x[i] = j;
      y[j] = i;
    }
  }

  int numFree = 0;
  for (int i = 0; i < n; ++i) {
    if (matches[i] == 0) {
      freeRows[numFree++] = i;
    } else if (matches[i] == 1) {
      int j1 = x[i];
      const double* row = &c[static_cast<size_t>(i) * n];
      double min = INF;
      for (int j = 0; j < n; ++j)
        if (j != j1 && row[j] - v[j] < min) min = row[j] - v[j];
      v[j1] -= min;
    }
  }

  const int stepLimit = 4 * n + 100;
  for (int round = 0; round < 2 && numFree > 0; ++round) {
    int k = 0, previous = numFree, steps = 0;
    numFree = 0;
    while (k < previous) {
      if (steps++ >= stepLimit) {
        while (k < previous) freeRows[numFree++] = freeRows[k++];
        break;
      }
      int i = freeRows[k++];
      const double* row = &c[static_cast<size_t>(i) * n];
      double umin = INF, usub = INF;
      int j1 = -1, j2 = -1;
      for (int j = 0; j < n; ++j) {
        double h = row[j] - v[j];
        if (h < usub) {
          if (h >= umin) {
            usub = h;
            j2 = j;
          } else {
            usub = umin;
            j2 = j1;
            umin = h;
            j1 = j;
          }
        }
      }
      int i0 = y[j1];
      bool strict = umin < usub;
      if (strict) {
        v[j1] -= usub - umin;
      } else if (i0 >= 0) {
        j1 = j2;
        i0 = y[j2];
      }
      if (i0 >= 0) x[i0] = -1;
      x[i] = j1;
      y[j1] = i;
      if (i0 >= 0) {
        if (strict) freeRows[--k] = i0;
        else freeRows[numFree++] = i0;
      }
    }
  }

  std::vector<double> d(n);
  std::vector<int> pred(n), cols(n);
  for (int f = 0; f < numFree; ++f) {
    int freeRow = freeRows[f];
    const double* frow = &c[static_cast<size_t>(freeRow) * n];
    for (int j = 0; j < n; ++j) {
      d[j] = frow[j] - v[j];
      pred[j] = freeRow;
      cols[j] = j;
    }
    int low = 0, up = 0, last = 0, end = -1;
    double min = 0;
    while (end < 0) {
      if (up == low) {
        last = low - 1;
        min = d[cols[up++]];
        for (int k = up; k < n; ++k) {
          int j = cols[k];
          double h = d[j];
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            cols[k] = cols[up];
            cols[up++] = j;
          }
        }
        for (int k = low; k < up; ++k) {
          if (y[cols[k]] < 0) {
            end = cols[k];
            break;
          }
        }
      }
      if (end >= 0) break;
      int j1 = cols[low++];
      int i = y[j1];
      const double* row = &c[static_cast<size_t>(i) * n];
      double h = row[j1] - v[j1] - min;
      for (int k = up; k < n; ++k) {
        int j = cols[k];
        double v2 = row[j] - v[j] - h;
        if (v2 < d[j]) {
          pred[j] = i;
          if (v2 == min) {
            if (y[j] < 0) {
              end = j;
              break;
            }
            cols[k] = cols[up];
            cols[up++] = j;
          }
          d[j] = v2;
        }
      }
    }
    for (int k = 0; k <= last; ++k) {
      int j = cols[k];
      v[j] += d[j] - min;
    }
    for (;;) {
      int i = pred[end];
      y[end] = i;
      int j = end;
      end = x[i];
      x[i] = j;
      if (i == freeRow) break;
    }
  }
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s instance.bin [solves]\n", argv[0]);
    return 2;
  }
  std::FILE* file = std::fopen(argv[1], "rb");
  if (file == nullptr) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 2;
  }
  int32_t n = 0;
  if (std::fread(&n, sizeof n, 1, file) != 1 || n <= 0) {
    std::fprintf(stderr, "bad header\n");
    return 2;
  }
  const size_t cells = static_cast<size_t>(n) * n;
  std::vector<double> weights(cells);
  if (std::fread(weights.data(), sizeof(double), cells, file) != cells) {
    std::fprintf(stderr, "short file\n");
    return 2;
  }
  std::fclose(file);

  const int solves = argc == 3 ? std::atoi(argv[2]) : 1;
  if (solves <= 0) {
    std::fprintf(stderr, "solves must be positive\n");
    return 2;
  }
  std::vector<double> cost;
  std::vector<int> x;
  double ms = 0, cpuMs = 0, firstMs = 0, firstCpuMs = 0;
  for (int s = 0; s < solves; ++s) {
    auto started = std::chrono::steady_clock::now();
    double cpuStarted = cpuMsNow();
    cost.resize(cells);  // allocates (and zero-fills) on the first solve only
    for (size_t k = 0; k < cells; ++k) cost[k] = -weights[k];
    x = solve(n, cost);
    double took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    double cpuTook = cpuMsNow() - cpuStarted;
    if (s == 0) {
      firstMs = ms = took;
      firstCpuMs = cpuMs = cpuTook;
    } else {
      if (took < ms) ms = took;
      if (cpuTook < cpuMs) cpuMs = cpuTook;
    }
  }

  double objective = 0;
  for (int i = 0; i < n; ++i) objective += weights[static_cast<size_t>(i) * n + x[i]];
  std::printf(
      "{\"n\":%d,\"objective\":%.17g,\"ms\":%.3f,\"cpuMs\":%.3f,\"firstMs\":%.3f,"
      "\"firstCpuMs\":%.3f}\n",
      n, objective, ms, cpuMs, firstMs, firstCpuMs);
  return 0;
}
