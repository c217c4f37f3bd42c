/// Which OTP releases can load a beam: a beam compiled by OTP N loads on OTP N and newer, never
/// on older (new instructions and literal formats are not understood backwards).
public enum OTPRelease {
    /// Whether a node running `node` can load a beam compiled by `compiler`.
    public static func canLoad(compiledBy compiler: Int, on node: Int) -> Bool { node >= compiler }

    /// The major release in `erlang:system_info(otp_release)`'s text ("25", or "R16B03" before 17).
    public static func major(_ text: String) -> Int? {
        let digits = text.drop { $0 == "R" }.prefix { $0.isNumber }
        return Int(digits)
    }
}
