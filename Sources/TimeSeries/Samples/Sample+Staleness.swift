extension Sample {
    /// Prometheus's staleness marker: a NaN with its own payload, written when a series disappears
    /// from a scrape (or its target stops answering). A marker ends the series at once, instead of
    /// queries carrying its last value forward for the five-minute lookback.
    public static let staleMarker = Double(bitPattern: staleMarkerBits)

    /// Whether `value` is the staleness marker (and not any other NaN).
    public static func isStaleMarker(_ value: Double) -> Bool { value.bitPattern == staleMarkerBits }

    /// Whether this sample ends its series rather than giving it a value.
    public var isStaleMarker: Bool { Self.isStaleMarker(value) }

    private static let staleMarkerBits: UInt64 = 0x7FF0_0000_0000_0002
}
