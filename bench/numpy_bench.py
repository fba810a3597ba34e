"""The walkthrough's own numpy code, ported faithfully, timed on one workload.

The functions below follow the walkthrough's `feedforward_batch`,
`backprop_1_example`, `backprop_batch` and training loops, generalised from its
hard-coded three layers to any depth, plus the same sums done as one matrix
product per layer, and Nielsen's `network.py` (network.py has its own
`feedforward`/`backprop`/`update_mini_batch`/`SGD`).

Usage: python bench/numpy_bench.py INPUT_DIR WORKLOAD RUNS OUT_JSON
Reads the data and initial parameters the Rust side wrote (.npy), runs the
workload once to warm up and RUNS more times, and writes the median time, the
peak resident memory and the final parameters.
"""

import json
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


# --- the walkthrough's functions --------------------------------------------------


def feedforward_batch(X, weights, biases):
    """activities z^l (k, N) and activations a^l (k, N), a^0 = X^T."""
    activities, activations = [], [X.T]
    a = X.T
    for W, b in zip(weights, biases):
        z = W.dot(a) + b
        a = sigmoid(z)
        activities.append(z)
        activations.append(a)
    return activities, activations


def backprop_1_example(activities, activations, weights, y, sample_idx):
    """BP1-BP4 for column `sample_idx` of a batched forward pass."""
    layer_num = len(activations)
    weight_updates, bias_updates = [], []
    a_L = activations[-1][:, sample_idx].reshape(-1, 1)
    a_L_minus_1 = activations[-2][:, sample_idx].reshape(-1, 1)
    z_L = activities[-1][:, sample_idx].reshape(-1, 1)
    delta_L = (a_L - y) * sigmoid_prime(z_L)
    deltas = [delta_L]
    bias_updates = [delta_L] + bias_updates
    weight_updates = [delta_L.dot(a_L_minus_1.T)] + weight_updates
    for layer in range(2, layer_num):
        l = -layer
        z_l = activities[l][:, sample_idx].reshape(-1, 1)
        delta_l = weights[l + 1].T.dot(deltas[l + 1]) * sigmoid_prime(z_l)
        deltas = [delta_l] + deltas
        bias_updates = [delta_l] + bias_updates
        a_l_minus_1 = activations[l - 1][:, sample_idx].reshape(-1, 1)
        weight_updates = [delta_l.dot(a_l_minus_1.T)] + weight_updates
    return weight_updates, bias_updates


def backprop_batch(activities, activations, weights, y_batch):
    """The same with 3-D stacks (N, k, 1), summed over the stack."""
    layer_num = len(activations)
    weight_updates, bias_updates = [], []
    z_L = (activities[-1].T)[:, :, np.newaxis]
    a_L = (activations[-1].T)[:, :, np.newaxis]
    a_L_minus_1 = (activations[-2].T)[:, :, np.newaxis]
    delta_L = (a_L - y_batch[:, :, np.newaxis]) * sigmoid_prime(z_L)
    deltas = [delta_L]
    bias_updates = [delta_L.sum(axis=0)] + bias_updates
    weight_updates = [(delta_L @ a_L_minus_1.transpose(0, 2, 1)).sum(axis=0)] + weight_updates
    for layer in range(2, layer_num):
        l = -layer
        z_l = (activities[l].T)[:, :, np.newaxis]
        a_l_minus_1 = (activations[l - 1].T)[:, :, np.newaxis]
        delta_l = (weights[l + 1].T @ deltas[l + 1]) * sigmoid_prime(z_l)
        deltas = [delta_l] + deltas
        bias_updates = [delta_l.sum(axis=0)] + bias_updates
        weight_updates = [(delta_l @ a_l_minus_1.transpose(0, 2, 1)).sum(axis=0)] + weight_updates
    return weight_updates, bias_updates


def backprop_gemm(activities, activations, weights, y_batch, softmax_ce=False):
    """The same sums as one matrix product per layer: Delta @ A^T, no stacks.
    With softmax_ce (a softmax output with the cross-entropy cost) BP1 is
    Delta = A - Y^T; otherwise the quadratic cost's (A - Y^T) * sigmoid'(Z)."""
    layer_num = len(activations)
    weight_updates, bias_updates = [], []
    delta = activations[-1] - y_batch.T
    if not softmax_ce:
        delta = delta * sigmoid_prime(activities[-1])
    bias_updates.insert(0, delta.sum(axis=1, keepdims=True))
    weight_updates.insert(0, delta @ activations[-2].T)
    for layer in range(2, layer_num):
        l = -layer
        delta = (weights[l + 1].T @ delta) * sigmoid_prime(activities[l])
        bias_updates.insert(0, delta.sum(axis=1, keepdims=True))
        weight_updates.insert(0, delta @ activations[l - 1].T)
    return weight_updates, bias_updates


def train(X, Y, weights, biases, batch_size, epochs, eta, form):
    """The walkthrough's training loop: batches in order, W -= eta/m * grad."""
    weights = [w.copy() for w in weights]
    biases = [b.copy() for b in biases]
    N = X.shape[0]
    num_batches = int(N / batch_size)
    for _ in range(epochs):
        for batch_num in range(num_batches):
            batch = X[batch_num * batch_size:(batch_num + 1) * batch_size, :]
            batch_labels = Y[batch_num * batch_size:(batch_num + 1) * batch_size, :]
            activities, activations = feedforward_batch(batch, weights, biases)
            if form == "per_example":
                grad_w = [np.zeros_like(w) for w in weights]
                grad_b = [np.zeros_like(b) for b in biases]
                for idx in range(batch.shape[0]):
                    wu, bu = backprop_1_example(activities, activations, weights, batch_labels[idx].reshape(-1, 1), idx)
                    grad_w = [g + u for g, u in zip(grad_w, wu)]
                    grad_b = [g + u for g, u in zip(grad_b, bu)]
            elif form == "tensor":
                grad_w, grad_b = backprop_batch(activities, activations, weights, batch_labels)
            else:
                grad_w, grad_b = backprop_gemm(activities, activations, weights, batch_labels)
            weights = [w - eta / batch_size * g for w, g in zip(weights, grad_w)]
            biases = [b - eta / batch_size * g for b, g in zip(biases, grad_b)]
    return weights, biases


# --- notebook 09: softmax output, cross-entropy cost ----------------------------


def softmax(z):
    """Each column of z (k, N) to probabilities; the largest z is subtracted first."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def feedforward_softmax(X, weights, biases):
    """feedforward_batch with a softmax last layer."""
    activities, activations = [], [X.T]
    a = X.T
    for i, (W, b) in enumerate(zip(weights, biases)):
        z = W.dot(a) + b
        a = softmax(z) if i == len(weights) - 1 else sigmoid(z)
        activities.append(z)
        activations.append(a)
    return activities, activations


def train_softmax(X, Y, weights, biases, batch_size, epochs, eta, test=None):
    """Batches in order, the last short one used and divided by its own size.
    With test = (TX, TY), stops after the first epoch whose test accuracy is at
    least 95% and returns that epoch as well."""
    weights = [w.copy() for w in weights]
    biases = [b.copy() for b in biases]
    N = X.shape[0]
    for epoch in range(1, epochs + 1):
        for start in range(0, N, batch_size):
            batch = X[start:start + batch_size, :]
            batch_labels = Y[start:start + batch_size, :]
            m = batch.shape[0]
            activities, activations = feedforward_softmax(batch, weights, biases)
            grad_w, grad_b = backprop_gemm(activities, activations, weights, batch_labels, softmax_ce=True)
            weights = [w - eta / m * g for w, g in zip(weights, grad_w)]
            biases = [b - eta / m * g for b, g in zip(biases, grad_b)]
        if test is not None:
            TX, TY = test
            out = feedforward_softmax(TX, weights, biases)[1][-1]
            if np.mean(out.argmax(axis=0) == TY.argmax(axis=1)) >= 0.95:
                return weights, biases, epoch
    return weights, biases, None


# --- Nielsen's network.py ---------------------------------------------------------


class Network(object):
    def __init__(self, sizes, weights, biases):
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.weights = [w.copy() for w in weights]
        self.biases = [b.copy() for b in biases]

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def SGD(self, training_data, epochs, mini_batch_size, eta):
        n = len(training_data)
        for j in range(epochs):
            mini_batches = [training_data[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
            for mini_batch in mini_batches:
                self.update_mini_batch(mini_batch, eta)

    def update_mini_batch(self, mini_batch, eta):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, self.num_layers):
            z = zs[-l]
            sp = sigmoid_prime(z)
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return (nabla_b, nabla_w)

    def cost_derivative(self, output_activations, y):
        return output_activations - y


# --- the driver ---------------------------------------------------------------


def load(d, name):
    spec = json.loads((d / f"{name}.json").read_text())
    X = np.load(d / f"{name}_X.npy")
    Y = np.load(d / f"{name}_Y.npy")
    L = len(spec["sizes"]) - 1
    weights = [np.load(d / f"{name}_W{l}.npy") for l in range(L)]
    biases = [np.load(d / f"{name}_b{l}.npy") for l in range(L)]
    return spec, X, Y, weights, biases


def run_once(spec, X, Y, weights, biases):
    if spec["form"] == "nielsen":
        net = Network(spec["sizes"], weights, biases)
        data = [(lx.reshape(-1, 1), ly.reshape(-1, 1)) for lx, ly in zip(X, Y)]
        net.SGD(data, spec["epochs"], spec["batch_size"], spec["eta"])
        return net.weights, net.biases
    if spec["form"] == "softmax_ce":
        return train_softmax(X, Y, weights, biases, spec["batch_size"], spec["epochs"], spec["eta"])[:2]
    return train(X, Y, weights, biases, spec["batch_size"], spec["epochs"], spec["eta"], spec["form"])


def main():
    d, name, runs, out = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    spec, X, Y, weights, biases = load(d, name)
    final = run_once(spec, X, Y, weights, biases)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        final = run_once(spec, X, Y, weights, biases)
        times.append(time.perf_counter() - t)
    fw, fb = final
    params = np.concatenate([w.ravel() for w in fw] + [b.ravel() for b in fb])
    np.save(out.with_suffix(".params.npy"), params)
    result = {
        "median_s": statistics.median(times),
        "times_s": times,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }
    if spec["form"] == "softmax_ce":
        # Wall time until the test accuracy first reaches 95%, measured after every epoch.
        test = (np.load(d / f"{name}_TX.npy"), np.load(d / f"{name}_TY.npy"))
        t = time.perf_counter()
        _, _, epoch = train_softmax(X, Y, weights, biases, spec["batch_size"], 100, spec["eta"], test)
        if epoch is not None:
            result["to95_s"] = time.perf_counter() - t
            result["to95_epochs"] = epoch
    out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
