import Foundation
import LogixCore

/// Orders for tests: realistic enough to exercise every field, small enough to read.
enum SampleOrders {
    static let placedAt = Date(timeIntervalSince1970: 1_750_000_000)

    static let shippingAddress = PostalAddress(
        firstName: "Jörg",
        lastName: "Müller",
        company: "Bäckerei Müller GmbH",
        address1: "Hauptstraße 5",
        address2: "Hinterhaus",
        city: "München",
        state: "BY",
        postcode: "80331",
        country: "DE",
        phone: "+49 89 123456"
    )

    static let billingAddress = PostalAddress(
        firstName: "Jörg",
        lastName: "Müller",
        address1: "Hauptstraße 5",
        city: "München",
        state: "BY",
        postcode: "80331",
        country: "DE",
        phone: "+49 89 123456",
        email: "joerg@example.de"
    )

    static let lines = [
        OrderLine(
            externalLineID: 11,
            sku: "TEE-M",
            name: "T-Shirt — M",
            quantity: 2,
            unitPrice: Decimal(string: "19.99")!,
            externalProductID: 100,
            externalVariationID: 101
        ),
        OrderLine(
            externalLineID: 12,
            sku: "MUG",
            name: "Mug",
            quantity: 1,
            unitPrice: Decimal(string: "8.50")!,
            externalProductID: 200
        ),
    ]

    static func order(
        status: OrderStatus = .ready,
        lines: [OrderLine] = lines,
        storeModifiedAt: Date = placedAt.addingTimeInterval(60)
    ) -> Order {
        Order(
            id: 7,
            integrationID: 1,
            externalID: 1234,
            number: "1234",
            status: status,
            storeStatus: "processing",
            currency: "EUR",
            total: Decimal(string: "53.48")!,
            subtotal: Decimal(string: "48.48")!,
            shippingTotal: Decimal(string: "5.00")!,
            taxTotal: Decimal(string: "8.54")!,
            customer: Customer(name: "Jörg Müller", email: "joerg@example.de", phone: "+49 89 123456"),
            billingAddress: billingAddress,
            shippingAddress: shippingAddress,
            shippingMethod: "DHL Paket",
            lines: lines,
            customerNote: "Bitte beim Nachbarn abgeben",
            storeModifiedAt: storeModifiedAt,
            createdAt: placedAt,
            updatedAt: placedAt.addingTimeInterval(120)
        )
    }
}
