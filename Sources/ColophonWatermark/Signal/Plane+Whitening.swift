extension Plane {
    /// The detector's view of an image: luminance minus its 7 × 7 mean (the host's large, smooth
    /// structures, where no watermark lives), divided by the local RMS of that residual over
    /// 9 × 9 plus one grey level, so busy texture does not drown the rest. Also returns the
    /// divisor, which the embedder reuses to predict what the detector will read.
    func whitened() -> (signal: Plane, divisor: Plane) {
        let mean = boxMean(radius: 3)
        var residual = self
        for index in residual.values.indices { residual.values[index] -= mean.values[index] }
        var squares = residual
        for index in squares.values.indices { squares.values[index] *= squares.values[index] }
        var divisor = squares.boxMean(radius: 4)
        for index in divisor.values.indices { divisor.values[index] = max(divisor.values[index], 0).squareRoot() + 1 }
        for index in residual.values.indices { residual.values[index] /= divisor.values[index] }
        return (residual, divisor)
    }

    /// Luminance minus its 7 × 7 mean, divided by a given divisor: the whitening of a small
    /// addition to an image whose divisor is known.
    func whitened(dividingBy divisor: Plane) -> Plane {
        let mean = boxMean(radius: 3)
        var out = self
        for index in out.values.indices {
            out.values[index] = (out.values[index] - mean.values[index]) / divisor.values[index]
        }
        return out
    }
}
