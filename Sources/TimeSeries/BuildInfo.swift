public enum BuildInfo { public static let version = "0.2.0" }
