extension ExpositionParser {
    /// The 1-based line of the entry `next()` returned last, for errors about its meaning.
    public var currentLine: Int { lineNumber }

    /// How many bytes the parser has read, for progress on large inputs.
    public var bytesConsumed: Int { position }
}
