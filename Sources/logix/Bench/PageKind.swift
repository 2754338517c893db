/// Which page a path is, for figures per page rather than per order: an id — a run of digits that is a whole
/// path segment or query value — becomes `{id}` (`/orders/42?page=3` → `/orders/{id}?page={id}`; `/api/v1` stays).
enum PageKind {
    static func of(_ path: String) -> String {
        var kind = ""
        var digits = ""
        var previous: Character = "/"
        for character in path {
            if character.isASCII && character.isNumber && (previous == "/" || previous == "=" || !digits.isEmpty) {
                digits.append(character)
                continue
            }
            if !digits.isEmpty {
                kind += "/=?&".contains(character) ? "{id}" : digits
                digits = ""
            }
            kind.append(character)
            previous = character
        }
        if !digits.isEmpty { kind += "{id}" }
        return kind
    }
}
