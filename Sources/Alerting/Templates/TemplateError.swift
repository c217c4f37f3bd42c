/// A template that does not parse, or failed while rendering; `offset` is the byte offset in
/// the template text, which rule files turn into a file line and column.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}
