import Foundation

extension ShopifyClient {
    /// The shop's locations (up to 250, Shopify's page limit; shops have a handful).
    public func locations() async throws -> [ShopifyLocation] {
        struct Payload: Decodable, Sendable {
            struct Locations: Decodable, Sendable { var nodes: [ShopifyLocation] }
            var locations: Locations
        }
        let operation = ShopifyOperation(
            name: "Locations", query: ShopifyQueries.locations, variables: ["first": .int(250)])
        return try await send(operation, as: Payload.self).locations.nodes
    }

    /// One page of product variants with their inventory items; `search` is Shopify search syntax
    /// (`sku:ABC-1`), `nil` for the whole catalogue.
    public func variantsPage(search: String? = nil, after: String? = nil, pageSize: Int = 100) async throws
        -> ShopifyPage<ShopifyVariant>
    {
        struct Payload: Decodable, Sendable { var productVariants: Connection<ShopifyVariant> }
        try validatePage(pageSize, "ProductVariants")
        let operation = ShopifyOperation(
            name: "ProductVariants", query: ShopifyQueries.productVariants,
            variables: ["first": .int(pageSize), "after": .optional(after), "query": .optional(search)])
        try checkCost(operation)
        let variants = try await send(operation, as: Payload.self).productVariants
        return ShopifyPage(
            items: variants.nodes, endCursor: variants.pageInfo?.endCursor,
            hasNextPage: variants.pageInfo?.hasNextPage ?? false)
    }

    /// Every page of the catalogue's variants (the pull into the SKU map).
    public func variantPages(search: String? = nil, pageSize: Int = 100) -> ShopifyPageSequence<ShopifyVariant> {
        ShopifyPageSequence(after: nil) { [self] cursor in
            try await self.variantsPage(search: search, after: cursor, pageSize: pageSize)
        }
    }

    /// The variants whose SKU is exactly `sku` (case-sensitive; SKUs are not unique, so there may be several,
    /// and Shopify's search also matches by prefix, which this filters out).
    public func variants(sku: String) async throws -> [ShopifyVariant] {
        let escaped = sku.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var found: [ShopifyVariant] = []
        for try await page in variantPages(search: "sku:\"\(escaped)\"", pageSize: 50) {
            found += page.items.filter { $0.sku == sku }
        }
        return found
    }
}
