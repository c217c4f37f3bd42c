/// Why a request could not be set up on an easy handle: a refused option or a bad header.
struct CurlSetupError: Error {
    var kind: TransportError.Kind
    var reason: String
}
