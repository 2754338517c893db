import Foundation
import Hummingbird

/// "Previous / Next" links for a paged list, keeping the list's other filters.
struct Pager {
    var page: Int
    var perPage: Int
    var total: Int
    var request: Request

    var html: HTML {
        let pages = max(1, (total + perPage - 1) / perPage)
        guard pages > 1 else { return .empty }
        func link(_ target: Int, _ label: String, _ rel: String) -> HTML {
            var items = URLComponents(string: request.uri.description)?.queryItems ?? []
            items.removeAll { $0.name == "page" || $0.name == "done" }
            items.append(URLQueryItem(name: "page", value: String(target)))
            var components = URLComponents()
            components.path = request.uri.path
            components.queryItems = items
            return #"<a rel="\#(rel)" href="\#(components.string ?? request.uri.path)">\#(label)</a>"#
        }
        let previous = page > 1 ? link(page - 1, "Previous", "prev") : .empty
        let next = page < pages ? link(page + 1, "Next", "next") : .empty
        return """
            <nav class="pager" aria-label="Pages">\(previous)<span>Page \(page) of \(pages) · \(DisplayFormat.count(total)) in all</span>\(next)</nav>
            """
    }
}
