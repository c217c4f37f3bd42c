/// Something that draws itself into a rectangle of a buffer and nowhere else; never touches the terminal.
public protocol Widget {
    func draw(in area: Rect, into buffer: inout Buffer)
}
