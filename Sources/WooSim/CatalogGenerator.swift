/// Builds the store's initial products and customers from the seed.
///
/// The catalog is small (tens of products), so unlike orders it is materialised and then mutated in place
/// by stock updates and batches.
struct CatalogGenerator: Sendable {
    let seed: UInt64
    let productCount: Int
    let customerCount: Int
    /// The moment the generated history ends (UTC seconds).
    let historyEnd: Int64
    let historyDays: Int
    /// Colours of the Barista T-Shirt (4 sizes each); 2 is the real catalog.
    var shirtColors: Int = 2

    static let categories: [String: SimProduct.Category] = [
        "coffee": .init(id: 28, name: "Coffee", slug: "coffee"),
        "tea": .init(id: 29, name: "Tea", slug: "tea"),
        "equipment": .init(id: 30, name: "Equipment", slug: "equipment"),
        "books": .init(id: 31, name: "Books", slug: "books"),
        "apparel": .init(id: 32, name: "Apparel", slug: "apparel"),
        "accessories": .init(id: 33, name: "Accessories", slug: "accessories"),
        "gift": .init(id: 34, name: "Gift cards", slug: "gift-cards"),
    ]

    private struct Template {
        var name: String
        var sku: String
        var price: Int
        var regular: Int?
        var taxClass: String
        var category: String
        var weight: String
    }

    private static let templates: [Template] = [
        .init(
            name: "Ethiopia Yirgacheffe Beans 250g", sku: "COF-ETH-250", price: 1290, taxClass: "reduced-rate",
            category: "coffee", weight: "0.27"),
        .init(
            name: "Colombia Supremo Beans 250g", sku: "COF-COL-250", price: 1150, taxClass: "reduced-rate",
            category: "coffee", weight: "0.27"),
        .init(
            name: "Espresso Blend 1kg", sku: "COF-ESP-1000", price: 2990, regular: 3400, taxClass: "reduced-rate",
            category: "coffee", weight: "1.05"),
        .init(
            name: "Decaf Swiss Water 250g", sku: "COF-DEC-250", price: 1350, taxClass: "reduced-rate",
            category: "coffee", weight: "0.27"),
        .init(
            name: "Limited Edition Geisha 100g", sku: "COF-GEI-100", price: 3900, taxClass: "reduced-rate",
            category: "coffee", weight: "0.12"),
        .init(
            name: "Sencha Green Tea 100g", sku: "TEA-SEN-100", price: 890, taxClass: "reduced-rate", category: "tea",
            weight: "0.11"),
        .init(
            name: "Earl Grey Supreme 100g", sku: "TEA-EGR-100", price: 750, taxClass: "reduced-rate", category: "tea",
            weight: "0.11"),
        .init(
            name: "Rooibos Vanilla 100g", sku: "TEA-ROO-100", price: 690, taxClass: "reduced-rate", category: "tea",
            weight: "0.11"),
        .init(
            name: "Ceremonial Matcha 30g", sku: "TEA-MAT-030", price: 2400, taxClass: "reduced-rate", category: "tea",
            weight: "0.05"),
        .init(
            name: "Hario V60 Dripper 02", sku: "EQP-V60-02", price: 2200, taxClass: "", category: "equipment",
            weight: "0.30"),
        .init(
            name: "Paper Filters (100 pcs)", sku: "EQP-FLT-100", price: 550, taxClass: "", category: "equipment",
            weight: "0.10"),
        .init(
            name: "Burr Grinder Pro", sku: "EQP-GRD-PRO", price: 16900, regular: 18900, taxClass: "",
            category: "equipment", weight: "3.20"),
        .init(
            name: "Gooseneck Kettle 1L", sku: "EQP-KTL-1L", price: 5900, taxClass: "", category: "equipment",
            weight: "1.10"),
        .init(
            name: "Digital Brew Scale", sku: "EQP-SCL-01", price: 2990, taxClass: "", category: "equipment",
            weight: "0.40"),
        .init(
            name: "French Press 800ml", sku: "EQP-FRP-800", price: 3490, taxClass: "", category: "equipment",
            weight: "0.90"),
        .init(
            name: "Milk Frother", sku: "EQP-MFR-01", price: 3900, taxClass: "", category: "equipment", weight: "0.60"),
        .init(
            name: "The World Atlas of Coffee", sku: "BK-ATLAS", price: 3500, taxClass: "reduced-rate",
            category: "books", weight: "1.30"),
        .init(
            name: "The Tea Sommelier", sku: "BK-TEASOM", price: 2800, taxClass: "reduced-rate", category: "books",
            weight: "0.80"),
        .init(
            name: "Enamel Mug “Unterwegs”", sku: "MUG-UNT-01", price: 1400, taxClass: "", category: "accessories",
            weight: "0.30"),
        .init(
            name: "Travel Tumbler 350ml", sku: "TMB-350", price: 2450, taxClass: "", category: "accessories",
            weight: "0.35"),
        .init(
            name: "Café Crème Cups (2 pcs)", sku: "CUP-CRM-02", price: 1890, taxClass: "", category: "accessories",
            weight: "0.50"),
        .init(
            name: "Bamboo Coffee Scoop", sku: "ACC-SCP-01", price: 690, taxClass: "", category: "accessories",
            weight: "0.05"),
    ]

    private static func colorCode(_ color: String) -> String {
        switch color {
        case "Black": "BLK"
        case "White": "WHT"
        default: "C" + color.split(separator: " ").last.map(String.init)!
        }
    }

    /// Products and variations, in id order.
    func products() -> [SimProduct] {
        var random = SimRandom(seed: self.seed, stream: SimStream.catalog)
        let catalogStart = self.historyEnd - Int64(self.historyDays + 30) * 86_400
        var products: [SimProduct] = []
        var nextId = 10
        func stamp() -> (Int64, Int64) {
            let created = catalogStart + Int64(nextId) * 61
            let modified = created + Int64(random.int(0...(self.historyDays * 86_400)))
            return (created, min(modified, self.historyEnd))
        }
        func slug(_ name: String) -> String {
            var result = ""
            var lastDash = true
            for scalar in name.lowercased().unicodeScalars {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    result.unicodeScalars.append(scalar)
                    lastDash = false
                } else if !lastDash {
                    result.append("-")
                    lastDash = true
                }
            }
            while result.hasSuffix("-") { result.removeLast() }
            return result
        }

        // Simple products; the last one has no SKU at all.
        let simpleCount = max(1, self.productCount)
        for index in 0..<simpleCount {
            let (created, modified) = stamp()
            if index == simpleCount - 1 {
                products.append(
                    SimProduct(
                        id: nextId, kind: .simple, name: "Barista Workshop Voucher", slug: "barista-workshop-voucher",
                        sku: "", regularPrice: 4900, stock: .unmanaged, taxClass: "", weight: "",
                        categories: [Self.categories["gift"]!], dateCreated: created, dateModified: modified,
                        totalSales: random.int(0...40)))
                nextId += 1
                continue
            }
            let template = Self.templates[index % Self.templates.count]
            let edition = index / Self.templates.count
            let name = edition == 0 ? template.name : "\(template.name) (Edition \(edition + 1))"
            let sku = edition == 0 ? template.sku : "\(template.sku)-E\(edition + 1)"
            var product = SimProduct(
                id: nextId, kind: .simple, name: name, slug: slug(name), sku: sku,
                regularPrice: template.regular ?? template.price,
                salePrice: template.regular == nil ? nil : template.price, stock: .managed,
                stockQuantity: random.int(5...400), taxClass: template.taxClass, weight: template.weight,
                categories: [Self.categories[template.category]!], dateCreated: created, dateModified: modified,
                totalSales: random.int(0...300))
            if template.sku == "COF-GEI-100" {
                // A scarce product sold on backorder: its stock goes negative as orders come in.
                product.stockQuantity = random.int(0...3)
                product.backorders = "notify"
            }
            if index % 7 == 3 {
                product.meta = [
                    SimMeta(id: 800 + nextId, key: "origin_note", value: .string("roasted & packed in Berlin"))
                ]
            }
            products.append(product)
            nextId += 1
        }

        // Barista T-Shirt: colour × size, every variation manages its own stock.
        let shirtId = nextId
        var shirtVariations: [SimProduct] = []
        // More colours than the two real ones only when asked (`shirtColors`), for catalogs with many variations.
        let colors = ["Black", "White"] + (2..<max(2, self.shirtColors)).map { "Color \($0 + 1)" }
        let sizes = ["S", "M", "L", "XL"]
        nextId += 1
        for color in colors {
            for size in sizes {
                let (created, modified) = stamp()
                shirtVariations.append(
                    SimProduct(
                        id: nextId, parentId: shirtId, kind: .variation, name: "Barista T-Shirt",
                        slug: "barista-t-shirt-\(color.lowercased())-\(size.lowercased())",
                        sku: "APP-TSHIRT-\(Self.colorCode(color))-\(size)",
                        regularPrice: size == "XL" ? 2690 : 2490, stock: .managed, stockQuantity: random.int(0...40),
                        weight: "0.20",
                        attributes: [
                            .init(id: 3, name: "Color", slug: "pa_color", options: [color]),
                            .init(id: 4, name: "Size", slug: "pa_size", options: [size]),
                        ], dateCreated: created, dateModified: modified))
                nextId += 1
            }
        }
        let (shirtCreated, shirtModified) = (catalogStart + Int64(shirtId) * 61, self.historyEnd - 3600)
        products.append(
            SimProduct(
                id: shirtId, kind: .variable, name: "Barista T-Shirt", slug: "barista-t-shirt", sku: "APP-TSHIRT",
                regularPrice: nil, stock: .unmanaged, categories: [Self.categories["apparel"]!],
                attributes: [
                    .init(id: 3, name: "Color", slug: "pa_color", options: colors),
                    .init(id: 4, name: "Size", slug: "pa_size", options: sizes),
                ], variationIds: shirtVariations.map(\.id), dateCreated: shirtCreated, dateModified: shirtModified,
                totalSales: random.int(50...300)))
        products.append(contentsOf: shirtVariations)

        // Roaster Hoodie: Regular fits manage their own stock, Slim fits use the parent's (`"parent"`).
        let hoodieId = nextId
        nextId += 1
        var hoodieVariations: [SimProduct] = []
        for size in ["S", "M", "L"] {
            for fit in ["Regular", "Slim"] {
                let (created, modified) = stamp()
                hoodieVariations.append(
                    SimProduct(
                        id: nextId, parentId: hoodieId, kind: .variation, name: "Roaster Hoodie",
                        slug: "roaster-hoodie-\(size.lowercased())-\(fit.lowercased())",
                        sku: "APP-HOODIE-\(size)-\(fit.prefix(3).uppercased())",
                        regularPrice: fit == "Regular" ? 5490 : 4990,
                        stock: fit == "Regular" ? .managed : .parent,
                        stockQuantity: fit == "Regular" ? random.int(0...25) : nil, weight: "0.60",
                        attributes: [
                            .init(id: 4, name: "Size", slug: "pa_size", options: [size]),
                            .init(id: 0, name: "Fit", slug: "fit", options: [fit]),
                        ], dateCreated: created, dateModified: modified))
                nextId += 1
            }
        }
        products.append(
            SimProduct(
                id: hoodieId, kind: .variable, name: "Roaster Hoodie", slug: "roaster-hoodie", sku: "APP-HOODIE",
                regularPrice: nil, stock: .managed, stockQuantity: random.int(20...60),
                categories: [Self.categories["apparel"]!],
                attributes: [
                    .init(id: 4, name: "Size", slug: "pa_size", options: ["S", "M", "L"]),
                    .init(id: 0, name: "Fit", slug: "Fit", options: ["Regular", "Slim"]),
                ], variationIds: hoodieVariations.map(\.id),
                dateCreated: catalogStart + Int64(hoodieId) * 61, dateModified: self.historyEnd - 7200,
                totalSales: random.int(50...300)))
        products.append(contentsOf: hoodieVariations)

        // Gift Card: the 50 € variation has no SKU of its own (it shows the parent's, and `sku=` never finds it).
        let giftId = nextId
        nextId += 1
        var giftVariations: [SimProduct] = []
        for (amount, sku) in [("25 €", "GIFT-CARD-25"), ("50 €", "")] {
            let (created, modified) = stamp()
            giftVariations.append(
                SimProduct(
                    id: nextId, parentId: giftId, kind: .variation, name: "Gift Card",
                    slug: "gift-card-\(amount.prefix(2))", sku: sku, regularPrice: amount.hasPrefix("25") ? 2500 : 5000,
                    stock: .unmanaged,
                    attributes: [.init(id: 0, name: "Amount", slug: "amount", options: [amount])],
                    dateCreated: created, dateModified: modified))
            nextId += 1
        }
        products.append(
            SimProduct(
                id: giftId, kind: .variable, name: "Gift Card", slug: "gift-card", sku: "GIFT-CARD", regularPrice: nil,
                stock: .unmanaged, categories: [Self.categories["gift"]!],
                attributes: [.init(id: 0, name: "Amount", slug: "Amount", options: ["25 €", "50 €"])],
                variationIds: giftVariations.map(\.id), dateCreated: catalogStart + Int64(giftId) * 61,
                dateModified: self.historyEnd - 86_400, totalSales: random.int(0...50)))
        products.append(contentsOf: giftVariations)
        return products
    }

    /// Registered customers, ids from 2 (user 1 is the shop's administrator).
    func customers() -> [SimCustomer] {
        var random = SimRandom(seed: self.seed, stream: SimStream.customers)
        let start = self.historyEnd - Int64(self.historyDays + 20) * 86_400
        return (0..<max(0, self.customerCount)).map { index in
            let person = AddressBook.people[index % AddressBook.people.count]
            let round = index / AddressBook.people.count
            let local = round == 0 ? person.emailLocal : "\(person.emailLocal).\(round + 1)"
            let email = "\(local)@example.test"
            let billing = WooSimAddress(
                firstName: person.firstName, lastName: person.lastName, company: person.company,
                address1: person.address1, address2: person.address2, city: person.city, state: person.state,
                postcode: person.postcode, country: person.country, email: email, phone: person.phone)
            var shipping = billing
            shipping.email = nil
            shipping.phone = ""
            let created = start + Int64(index) * 3_607 + Int64(random.int(0...3_600))
            return SimCustomer(
                id: index + 2, dateCreated: created,
                dateModified: min(self.historyEnd, created + Int64(random.int(0...(30 * 86_400)))), email: email,
                firstName: person.firstName, lastName: person.lastName, username: local, billing: billing,
                shipping: shipping, isPayingCustomer: random.chance(0.8), avatarHash: random.hex(64))
        }
    }
}
