extension BottleneckRanking {
    /// A ranked entry's tier and bucket: lower sorts first; equal keys fall to the minute's peak in
    /// the third tier, then to the queue length.
    struct OrderKey: Comparable {
        static let thirdTier = 2

        var tier: Int
        var bucket: Int

        init(_ entry: RankedBacklog) {
            switch entry.outlook {
            case .over:
                tier = 0
                bucket = -Self.growthUrgency(entry.growthPerSecond)
            case .approaching(let seconds):
                tier = 1
                bucket = BottleneckRanking.bucket(max(seconds, 1))
            default:
                tier = Self.thirdTier
                bucket = 0
            }
        }

        /// Higher is more urgent: clear growth by its bucket, then steady, then draining, slowest first.
        static func growthUrgency(_ growth: Double) -> Int {
            if growth >= RankingText.steadyBelow { return 1000 + BottleneckRanking.bucket(growth) }
            if growth > -RankingText.steadyBelow { return 0 }
            return -1000 - BottleneckRanking.bucket(-growth)
        }

        static func < (a: OrderKey, b: OrderKey) -> Bool {
            (a.tier, a.bucket) < (b.tier, b.bucket)
        }
    }
}
