package mltutor.retrieval;

import java.util.List;

/**
 * A logistic regression over standardised features: p = sigmoid(bias + sum w_i (x_i - mean_i) / std_i).
 * Small enough to read: each weight says how much one signal moves the log-odds per standard deviation.
 */
public record LogisticModel(double[] weights, double bias, double[] mean, double[] std) {
    public LogisticModel {
        if (weights.length != mean.length || weights.length != std.length) {
            throw new IllegalArgumentException("weights, mean and std must have one value per feature");
        }
        weights = weights.clone();
        mean = mean.clone();
        std = std.clone();
    }

    public double probability(double[] x) {
        return sigmoid(logit(x));
    }

    public double logit(double[] x) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (x[i] - mean[i]) / std[i];
        }
        return z;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Fits by Newton's method with an L2 penalty on the weights (not the bias); rows are weighted so each
     * class counts equally, whatever the class sizes.
     */
    public static LogisticModel fit(List<double[]> rows, boolean[] labels, double l2) {
        int n = rows.size(), d = rows.get(0).length;
        double[] mean = new double[d], std = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.max(Math.sqrt(std[j]), 1e-6);
        }
        int positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        double wPos = n / (2.0 * Math.max(1, positives)), wNeg = n / (2.0 * Math.max(1, n - positives));
        double[][] x = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 0; j < d; j++) {
                x[i][j + 1] = (rows.get(i)[j] - mean[j]) / std[j];
            }
        }
        double[] beta = new double[d + 1];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j <= d; j++) {
                    z += beta[j] * x[i][j];
                }
                double p = sigmoid(z), w = labels[i] ? wPos : wNeg, y = labels[i] ? 1 : 0;
                for (int j = 0; j <= d; j++) {
                    grad[j] += w * (p - y) * x[i][j];
                    for (int k = 0; k <= d; k++) {
                        hess[j][k] += w * p * (1 - p) * x[i][j] * x[i][k];
                    }
                }
            }
            for (int j = 1; j <= d; j++) {
                grad[j] += l2 * beta[j];
                hess[j][j] += l2;
            }
            double[] step = solve(hess, grad);
            double size = 0;
            for (int j = 0; j <= d; j++) {
                beta[j] -= step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        double[] weights = new double[d];
        System.arraycopy(beta, 1, weights, 0, d);
        return new LogisticModel(weights, beta[0], mean, std);
    }

    /** Gaussian elimination with partial pivoting; the systems are (features + 1) square, a dozen rows. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * out[k];
            }
            out[r] = s / m[r][r];
        }
        return out;
    }
}
