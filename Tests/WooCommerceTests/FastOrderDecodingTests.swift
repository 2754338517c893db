import Foundation
import Testing

@testable import WooCommerce

/// The fast order reader against the Codable path, which stays the reference: every recorded order body, the
/// lenient rules one by one, and bodies that are not JSON.
@Suite struct FastOrderDecodingTests {
    // MARK: - Recorded bodies

    /// Samples that are an order or a page of orders (as `SampleDecodingTests` registers them).
    static let orderSamplePrefixes = [
        "01-orders", "04-order-get", "05-order-put", "15-orders-_fields", "28-ok-querystring",
        "40-oauth-client-get-orders", "41-oauth-client-put-order", "44-oauth-manual", "45-oauth-manual",
    ]

    static func orderSampleNames() throws -> [String] {
        try RecordedSamples.responseNames().filter { name in orderSamplePrefixes.contains { name.hasPrefix($0) } }
    }

    @Test(arguments: try orderSampleNames())
    func recordedOrderBodyReadsAsTheCodablePathDecodesIt(_ name: String) throws {
        let data = try RecordedSamples.body(name)
        if data.first == UInt8(ascii: "[") {
            let reference = try WooJSON.decoder.decode([WooOrder].self, from: data)
            let fast = try WooOrderReader.orders(in: data)
            #expect(fast.count == reference.count)
            for (fastOrder, referenceOrder) in zip(fast, reference) {
                #expect(fastOrder == referenceOrder, "\(name): order \(referenceOrder.id) differs")
                #expect(canonicalDescription(fastOrder) == canonicalDescription(referenceOrder))
            }
            #expect(try WooOrder.decodeList(from: data) == reference)
        } else {
            let reference = try WooJSON.decoder.decode(WooOrder.self, from: data)
            let fast = try WooOrderReader.order(in: data)
            #expect(fast == reference)
            #expect(canonicalDescription(fast) == canonicalDescription(reference))
            #expect(try WooOrder.decode(from: data) == reference)
        }
    }

    /// A new order sample cannot slip past the comparison above.
    @Test func everyRecordedOrderBodyIsCompared() throws {
        let compared = Set(try Self.orderSampleNames())
        for name in try RecordedSamples.responseNames() where try RecordedSamples.status(name) < 400 {
            let text = String(decoding: try RecordedSamples.body(name), as: UTF8.self)
            if text.contains("\"order_key\"") {
                #expect(compared.contains(name), "\(name) holds orders but is not compared")
            }
        }
        #expect(compared.count >= 10)
    }

    @Test func webhookOrderBodiesReadAsTheCodablePathDecodesThem() throws {
        let names = try RecordedSamples.webhookNames().filter { $0.contains("-order-") && !$0.contains("ping") }
        #expect(names.count >= 3)
        for name in names {
            let body = try RecordedSamples.webhook(name).body
            let reference = try WooJSON.decoder.decode(WooOrder.self, from: body)
            #expect(try WooOrderReader.order(in: body) == reference, "\(name)")
        }
    }

    /// Products, notes, errors… read as orders: a wide test of the lenient rules on real JSON, where the reader
    /// must take whatever the Codable path takes.
    @Test(arguments: try RecordedSamples.responseNames())
    func anyRecordedBodyReadsAsTheCodablePathDecodesIt(_ name: String) throws {
        let data = try RecordedSamples.body(name)
        let isOrder = (try? WooJSON.decoder.decode(WooOrder.self, from: data)) != nil
        expectSameAsCodable(data, readerAccepts: isOrder, name)
        let isOrderList = (try? WooJSON.decoder.decode([WooOrder].self, from: data)) != nil
        expectSameListAsCodable(data, readerAccepts: isOrderList, name)
    }

    // MARK: - Lenient rules, field by field

    /// Members put into an order beside `"id": 7`; each must read natively and give the Codable result.
    static let orderMembers: [String] = [
        // Escapes and Unicode.
        #""billing": {"first_name": "Zo\u00eb \"Z\" O\u2019Brien \\ \/", "last_name": "\ud83d\ude00 end"}"#,
        #""billing": {"first_name": "\b\f\n\r\t", "company": "A\u0000B", "city": "Zoë 😀 Kraków"}"#,
        #""customer_note": "\u00E9\u00e9 line\nbreak", "payment_url": "https:\/\/shop.test\/pay?x=1&y=\u0026""#,
        #""\u0069d": 9, "par\u0065nt_id": 3, "billing": {"first\u005fname": "Escaped key"}"#,
        #""billing": {"first_name": "", "email": "", "phone": "\u00a0"}"#,
        // Duplicate keys: the first wins.
        #""id": 8, "number": "first", "number": "second""#,
        #""billing": {"city": "Berlin"}, "billing": [], "total": "1.00", "total": "2.00""#,
        // Numbers given as strings and strings given as numbers.
        #""parent_id": "42", "customer_id": " 7 ", "number": 109, "version": 10.5, "order_key": true"#,
        #""parent_id": "12.50", "customer_id": "abc", "currency_symbol": 0, "currency": false"#,
        #""parent_id": "-3", "customer_id": "+4", "number": -0, "cart_hash": 1E2"#,
        #""parent_id": "", "customer_id": "1e3", "number": 12345678901234567890"#,
        // Numbers the integer fields take, truncate or refuse.
        #""parent_id": 3.0, "customer_id": 3.7, "number": 1.5"#,
        #""parent_id": -3.7, "customer_id": 1e2, "number": 1.25e1"#,
        #""parent_id": 1e400, "customer_id": -0, "number": 1e400"#,
        #""parent_id": 1e-400, "customer_id": 9007199254740993, "number": 0.1"#,
        #""parent_id": 9223372036854775807, "customer_id": -9223372036854775808"#,
        #""parent_id": 9223372036854775808, "customer_id": 123456789012.75, "number": 1e-7"#,
        #""parent_id": 8999999999999999.5, "customer_id": 9.0e15, "number": 100000000000000000000"#,
        // Booleans as WordPress writes them.
        #""prices_include_tax": "yes", "is_editable": "ON", "needs_payment": "no", "needs_processing": """#,
        #""prices_include_tax": 1, "is_editable": 0, "needs_payment": 2, "needs_processing": 0.5"#,
        #""prices_include_tax": "maybe", "is_editable": "1", "needs_payment": "False", "needs_processing": -1"#,
        #""prices_include_tax": [], "is_editable": {}, "needs_payment": null, "needs_processing": 1.0"#,
        // Money.
        #""total": 12.5, "total_tax": 12, "cart_tax": "", "shipping_tax": " ", "discount_tax": "1,5""#,
        #""total": "1e3", "total_tax": "-0.00", "cart_tax": "+3.10", "shipping_tax": "12.345678901234567890123""#,
        #""total": true, "total_tax": [], "cart_tax": {}, "shipping_tax": 1e300, "discount_total": "abc""#,
        #""total": " 12.50 ", "total_tax": "0012.5", "cart_tax": "1.", "shipping_total": ".5""#,
        #""total": -0.0, "total_tax": 1.10, "cart_tax": 99999999999999999999.99, "shipping_total": 1e-5"#,
        #""total": 0, "total_tax": -0, "cart_tax": 0.0, "shipping_tax": 0.000, "discount_total": 49.90"#,
        #""total": 123456789012345678, "total_tax": 1234567890123456789, "cart_tax": 0.001, "shipping_tax": -5.5"#,
        #""line_items": [{"id": 1, "price": 0.30000000000000004}, {"id": 2, "price": -0.5}]"#,
        #""line_items": [{"id": 1, "price": 100}, {"id": 2, "price": 1.000}, {"id": 3, "price": 0.5e1}]"#,
        // Dates from the *_gmt fields.
        #""date_created_gmt": "2026-11-24T21:56:36Z", "date_modified_gmt": "2026-11-24 21:56:36""#,
        #""date_paid_gmt": "2026-11-24T21:56:36.123", "date_completed_gmt": "0000-00-00T00:00:00""#,
        #""date_created_gmt": "", "date_modified_gmt": "garbage", "date_paid_gmt": 12345"#,
        #""date_created_gmt": "2026-02-31T25:00:00", "date_created": "2026-11-24T21:56:36""#,
        // Statuses.
        #""status": "wc-processing""#,
        #""status": "awaiting-pickup", "currency": "EUR", "currency_symbol": "\u20ac""#,
        // Null everywhere.
        #""parent_id": null, "number": null, "order_key": null, "created_via": null, "version": null"#,
        #""status": null, "currency": null, "currency_symbol": null, "prices_include_tax": null"#,
        #""date_created_gmt": null, "date_paid_gmt": null, "total": null, "customer_id": null"#,
        #""billing": null, "shipping": null, "meta_data": null, "line_items": null, "tax_lines": null"#,
        #""shipping_lines": null, "fee_lines": null, "coupon_lines": null, "refunds": null"#,
        #""payment_url": null, "is_editable": null, "customer_note": null, "transaction_id": null"#,
        #""billing": {"first_name": null, "email": null, "phone": null, "country": null}"#,
        // `[]` (or anything else) where an object is expected.
        #""billing": [], "shipping": "none""#,
        #""billing": {}, "shipping": 5"#,
        #""line_items": [{"id": 1, "image": []}, {"id": 2, "image": {}}, {"id": 3, "image": "x"}]"#,
        #""line_items": [{"id": 1, "image": {"id": "", "src": "https:\/\/x.test\/a.png", "name": 5}}]"#,
        #""line_items": [{"id": 1, "image": {"id": "12", "src": null}}, {"id": 2, "image": null}]"#,
        // Line items.
        #""line_items": [{"id": 1, "sku": "", "price": 49.9, "quantity": "2", "parent_name": null}]"#,
        #""line_items": [{"id": "2", "sku": 12345, "price": "49.90", "quantity": 2.0, "parent_name": 5}]"#,
        #""line_items": [{"id": 3, "sku": null, "price": 1e2, "quantity": -1, "variation_id": "0"}]"#,
        #""line_items": [{"id": 4, "taxes": [{"id": 1, "total": "1.5", "subtotal": ""}, {}]}]"#,
        #""line_items": [{"id": 5, "taxes": [{"id": "x", "total": 2, "subtotal": null}], "tax_class": 0}]"#,
        #""line_items": [{"id": 6, "name": "Caf\u00e9", "product_id": null, "subtotal": 10, "total": "9.99"}]"#,
        // Meta data and its arbitrary values.
        #""meta_data": [{"id": 1, "key": "a", "value": "text"}, {"id": 2, "key": "b", "value": 5}]"#,
        #""meta_data": [{"id": 3, "key": "c", "value": 1.5}, {"id": 4, "key": "d", "value": true}]"#,
        #""meta_data": [{"id": 5, "key": "e", "value": null}, {"id": 6, "key": "f"}]"#,
        #""meta_data": [{"key": "g", "value": [1, "a", null, {"k": [true, 2.5]}]}]"#,
        #""meta_data": [{"id": "7", "key": 8, "value": {"a": 1, "a": 2, "b": {"c": null}}}]"#,
        #""meta_data": [{"id": 9, "key": "h", "value": 1e400}, {"id": 10, "key": "i", "value": [1e400]}]"#,
        #""meta_data": [{"id": 11, "key": "j", "value": {"x": -1e400}, "display_value": 1e400}]"#,
        #""meta_data": [{"id": 12, "key": "k", "value": 3.0, "display_key": "K", "display_value": null}]"#,
        #""meta_data": [{"id": 13, "key": "l", "value": 1e-400, "display_key": 5, "display_value": [1.0]}]"#,
        #""meta_data": [{"id": 14, "key": "m", "value": 9223372036854775808, "display_value": "x"}]"#,
        #""meta_data": [{"id": 15, "key": "n", "value": {"\u00e9": 1, "e\u0301": 2}}]"#,
        #""meta_data": [{"id": 16, "key": "o", "value": [], "display_value": {}}, {"id": null}]"#,
        // Order lines of every kind.
        #""tax_lines": [{"id": 1, "rate_code": "DE-MWST-1", "rate_id": 1, "label": "MwSt", "compound": false,"#
            + #" "tax_total": "3.19", "shipping_tax_total": "0.00", "rate_percent": 19, "meta_data": []}]"#,
        #""tax_lines": [{"id": 2, "compound": "yes", "rate_percent": "7.5"}, {"id": 3, "rate_percent": null}]"#,
        #""shipping_lines": [{"id": 1, "method_title": "DHL", "method_id": "flat_rate", "instance_id": 5,"#
            + #" "total": "4.90", "total_tax": "0.93", "taxes": [{"id": 1, "total": "0.93", "subtotal": ""}],"#
            + #" "meta_data": [{"id": 1, "key": "Items", "value": "Hoodie \u00d7 2"}]}]"#,
        #""fee_lines": [{"id": 1, "name": "Fee", "amount": "", "total": "-5.00", "tax_status": "none"}]"#,
        #""fee_lines": [{"id": 2, "amount": 5, "total": 5}, {"id": 3, "amount": "2.5"}, {"id": 4, "amount": true}]"#,
        #""fee_lines": [{"id": 5, "amount": 1.5e1}, {"id": 6, "amount": " 3 "}, {"id": 7, "amount": []}]"#,
        #""coupon_lines": [{"id": 1, "code": "SAVE10", "discount": "10", "discount_tax": "1.9","#
            + #" "meta_data": [{"id": 9, "key": "coupon_info", "value": "[1,\"save10\",\"percent\",10]"}]}]"#,
        #""refunds": [{"id": 120, "reason": "Returned", "total": "-99.80"}, {"id": "121", "total": -5}]"#,
        // Empty lists, and unknown members of every shape.
        #""line_items": [], "tax_lines": [], "meta_data": [], "refunds": []"#,
        #""_links": {"self": [{"href": "https:\/\/x.test", "targetHints": {"allow": ["GET"]}}]}, "x": null"#,
        #""unknown": [1, -2.5e-3, true, false, null, "\ud83d\ude00", {"a": {"b": [[]]}}], "y": {}"#,
        #""\u00e9": 1, "caf\u00e9": "x", "é": [], "": 0"#,
    ]

    @Test(arguments: orderMembers)
    func lenientMemberReadsAsTheCodablePathDecodesIt(_ members: String) {
        expectSameAsCodable(Data(#"{"id": 7, \#(members)}"#.utf8), readerAccepts: true)
    }

    @Test func missingFieldsTakeTheirEmptyValues() throws {
        expectSameAsCodable(Data(#"{"id": 1}"#.utf8), readerAccepts: true)
        expectSameAsCodable(Data(#"{"id": "1"}"#.utf8), readerAccepts: true)
        expectSameAsCodable(Data(#"{"line_items": [{"id": 1}], "id": 2}"#.utf8), readerAccepts: true)
        expectSameAsCodable(Data(#"{"meta_data": [{}], "id": 3}"#.utf8), readerAccepts: true)
        let order = try WooOrderReader.order(in: Data(#"{"id": 5}"#.utf8))
        #expect(order.number == "5")
        #expect(order.billing == WooAddress())
        #expect(order.status == WooOrderStatus(rawValue: ""))
    }

    @Test func whitespaceAnywhereIsJSON() throws {
        let data = try RecordedSamples.body("04-order-get")
        let pretty = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: data), options: [.prettyPrinted])
        expectSameAsCodable(pretty, readerAccepts: true)
        expectSameAsCodable(Data(" \n\t\r{ \"id\" : 1 , \"billing\" : { } , \"meta_data\" : [ ] } \r\n".utf8))
        expectSameListAsCodable(Data(" [ ] ".utf8), readerAccepts: true)
        expectSameListAsCodable(Data("[{\"id\":1} ,\n{\"id\":2}]".utf8), readerAccepts: true)
    }

    /// Integral values of 2^53 or more in fraction or exponent notation: `JSONDecoder` reads those through
    /// `Decimal`, so the reader leaves them to it and the entry points still give its result.
    @Test(arguments: [
        #""parent_id": 1e17"#, #""number": 9007199254740993.5"#, #""is_editable": -1.0e18"#,
        #""meta_data": [{"id": 1, "key": "k", "value": [1e17]}]"#,
        #""line_items": [{"id": 1, "image": {"id": 1.5e16}}]"#,
    ])
    func numbersLeftToJSONDecoderStillDecodeAsItDoes(_ members: String) {
        expectSameAsCodable(Data(#"{"id": 7, \#(members)}"#.utf8), readerAccepts: false)
    }

    // MARK: - What init(from:) rejects

    @Test(arguments: [
        #"{}"#, #"{"id": null}"#, #"{"id": "abc"}"#, #"{"id": true}"#, #"{"id": []}"#, #"{"id": 1e400}"#,
        #"{"id": 1, "line_items": {}}"#, #"{"id": 1, "meta_data": "x"}"#, #"{"id": 1, "refunds": 5}"#,
        #"{"id": 1, "line_items": [null]}"#, #"{"id": 1, "line_items": [{}]}"#, #"{"id": 1, "tax_lines": [[]]}"#,
        #"{"id": 1, "line_items": [{"id": 1, "taxes": {}}]}"#, #"{"id": 1, "shipping_lines": [{"id": null}]}"#,
        #"{"id": 1, "fee_lines": [{"name": "x"}]}"#, #"{"id": 1, "coupon_lines": [{"id": "x"}]}"#,
        #"{"id": 1, "refunds": [{"total": "1"}]}"#, #"{"id": 1, "meta_data": [5]}"#,
        #"{"id": 1, "line_items": [{"id": 1, "meta_data": [null]}]}"#, #"null"#, #"[]"#, #""order""#, #"5"#,
    ])
    func whatTheCodablePathRejectsIsRejected(_ json: String) {
        expectSameAsCodable(Data(json.utf8), readerAccepts: false)
        #expect(throws: (any Error).self) { try WooOrder.decode(from: Data(json.utf8)) }
    }

    @Test func listsFollowTheSameRules() {
        expectSameListAsCodable(Data(#"[{"id": 1}, {"id": "2", "total": 3}]"#.utf8), readerAccepts: true)
        for json in [#"[{"id": 1}, null]"#, #"[{"id": 1}, {}]"#, #"{"id": 1}"#, #"null"#, #"[[]]"#] {
            expectSameListAsCodable(Data(json.utf8), readerAccepts: false)
            #expect(throws: (any Error).self) { try WooOrder.decodeList(from: Data(json.utf8)) }
        }
    }

    // MARK: - Bodies that are not JSON

    @Test(arguments: [
        "", " ", "{", "[", "{\"id\":1", "{\"id\":1,", "{\"id\":1}}", "{\"id\":1} x", "{\"id\":01}", "{\"id\":1.}",
        "{\"id\":-}", "{\"id\":1e}", "{\"id\":.5}", "{\"id\":+1}", "{\"id\" 1}", "{id:1}", "{'id':1}", "nul",
        "{\"id\":1,\"name\":tru}", "{\"id\":1,\"customer_note\":\"a\\x\"}", "{\"id\":1,\"customer_note\":\"\\ud800\"}",
        "{\"id\":1,\"customer_note\":\"\\udc00\"}", "{\"id\":1,\"customer_note\":\"\\ud800\\u0041\"}",
        "{\"id\":1,\"customer_note\":\"\\u12\"}", "{\"id\":1,\"customer_note\":\"\\u12G4\"}",
        "{\"id\":1,\"customer_note\":\"tab\there\"}", "{\"id\":1,\"customer_note\":\"unterminated}",
        "{\"id\":1,\"_links\":[1,2}", "{\"id\":1,\"_links\":{\"a\"}}", "{\"id\":1,\"_links\":{1:2}}",
        "{\"id\":1,}", "{\"id\":1,\"meta_data\":[{\"id\":1,},]}", "{\"id\":1}\u{0}", "\u{FEFF}{\"id\":1}",
    ])
    func malformedJSONIsRejected(_ json: String) {
        // JSONDecoder accepts a few of these (trailing commas, a byte-order mark): the entry points then give
        // its value, the reader itself never does.
        expectSameAsCodable(Data(json.utf8), readerAccepts: false)
    }

    @Test func invalidUTF8IsLeftToJSONDecoder() {
        func body(_ member: String, _ raw: [UInt8]) -> Data {
            Data(#"{"id": 1, ""#.utf8) + Data(member.utf8) + Data(#"": ""#.utf8) + Data(raw) + Data(#""}"#.utf8)
        }
        // Read as a field: the Codable path falls back to "", the reader refuses and the entry point agrees.
        expectSameAsCodable(body("customer_note", [0x61, 0xFF, 0x62]), readerAccepts: false)
        expectSameAsCodable(body("customer_note", [0xC3]), readerAccepts: false)
        // Skipped: neither looks inside.
        expectSameAsCodable(body("unknown_field", [0x61, 0xFF, 0x62]), readerAccepts: true)
        // A member name: JSONDecoder fails the whole object.
        expectSameAsCodable(
            Data(#"{"id": 1, ""#.utf8) + Data([0xFF]) + Data(#"": 1}"#.utf8), readerAccepts: false)
        // Encodings other than UTF-8 are JSONDecoder's job.
        expectSameAsCodable(Data(#"{"id": 1}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
    }

    @Test func nestingBeyondTheReadersDepthIsLeftToJSONDecoder() {
        for depth in [150, 300, 600] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            expectSameAsCodable(Data(#"{"id": 1, "_links": \#(nested)}"#.utf8), readerAccepts: depth < 200)
            let meta = #"{"id": 1, "meta_data": [{"key": "k", "value": \#(nested)}]}"#
            expectSameAsCodable(Data(meta.utf8), readerAccepts: depth < 190)
        }
    }

    @Test func everyTruncationOfAnOrderThrows() throws {
        let data = try RecordedSamples.body("04-order-get")
        for length in 0..<data.count {
            let prefix = data.prefix(length)
            #expect(throws: WooOrderReader.Failure.self) { try WooOrderReader.order(in: prefix) }
            #expect(throws: (any Error).self) { try WooOrder.decode(from: prefix) }
        }
        let list = try RecordedSamples.body("44-oauth-manual-HMAC-SHA1-query")
        for length in stride(from: 0, to: list.count, by: 7) {
            #expect(throws: (any Error).self) { try WooOrder.decodeList(from: list.prefix(length)) }
        }
    }

    /// Thousands of one-byte edits of a real order: whatever the reader accepts, it reads as the Codable path
    /// does, and the entry point always ends as the Codable path does.
    @Test func mutatedOrdersNeverDisagreeWithTheCodablePath() throws {
        let original = Array(try RecordedSamples.body("04-order-get-refunded"))
        let alphabet = Array(#"{}[]:,"\/ -+.0159eEntfu"#.utf8) + [0x00, 0x01, 0x7F, 0xC3, 0xFF]
        var random = SplitMix64(seed: 2026)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = original
            let position = Int(random.next() % UInt64(bytes.count))
            let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
            switch random.next() % 3 {
            case 0: bytes[position] = byte
            case 1: bytes.insert(byte, at: position)
            default: bytes.remove(at: position)
            }
            if expectSameAsCodable(Data(bytes)) { accepted += 1 }
        }
        #expect(accepted > 500, "the reader should still read most edits that leave valid JSON")
    }

    /// The comparison itself: it must tell apart what `==` takes as equal.
    @Test func canonicalDescriptionSeesWhatEqualityDoesNot() {
        #expect(JSONValue.string("\u{E9}") == JSONValue.string("e\u{301}"))
        #expect(canonicalDescription(JSONValue.string("\u{E9}")) != canonicalDescription(JSONValue.string("e\u{301}")))
        let object = JSONValue.object(["b": .int(1), "a": .array([.null, .double(0.5)])])
        #expect(canonicalDescription(object) == canonicalDescription(object))
        #expect(canonicalDescription(object).contains("0.5"))
        #expect(canonicalDescription(WooMoney(12)) != canonicalDescription(WooMoney(120)))
    }

    // MARK: - The client

    @Test func decodingErrorsNameTheFieldAsBefore() throws {
        let data = Data(#"{"id": 1, "line_items": [{"id": 1}, {"name": "no id"}]}"#.utf8)
        let reference = Result { try WooJSON.decoder.decode(WooOrder.self, from: data) }
        let fast = Result { try WooOrder.decode(from: data) }
        guard case .failure(let referenceError) = reference, case .failure(let fastError) = fast else {
            Issue.record("both should fail")
            return
        }
        #expect(WooJSON.describe(fastError) == WooJSON.describe(referenceError))
        #expect(WooJSON.describe(fastError).contains("line_items"))
    }
}

// MARK: - Comparing with the Codable path

/// What decoding a body came to: the value (and its ``canonicalDescription(_:)``, so that equal also means
/// represented alike), or the error as the client would describe it.
private enum Outcome<Value: Equatable>: Equatable {
    case value(Value, canonical: String)
    case error(String)

    init(_ body: () throws -> Value) {
        do {
            let value = try body()
            self = .value(value, canonical: canonicalDescription(value))
        } catch {
            self = .error(WooJSON.describe(error))
        }
    }
}

/// Every stored field of a value, spelled out to what `==` does not look at: each string's exact scalars (not
/// just canonical equivalence), each `Decimal`'s significand and exponent. Dictionary entries are sorted.
private func canonicalDescription(_ value: Any) -> String {
    if let decimal = value as? Decimal { return "\(decimal.significand)e\(decimal.exponent)" }
    if let date = value as? Date { return "date(\(date.timeIntervalSince1970))" }
    if let text = value as? String {
        return "\"" + text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + "\""
    }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .dictionary?:
        return "[" + mirror.children.map { canonicalDescription($0.value) }.sorted().joined(separator: ", ") + "]"
    case .optional?:
        return mirror.children.first.map { canonicalDescription($0.value) } ?? "nil"
    case nil:
        return "\(value)"
    default:
        let fields = mirror.children.map { "\($0.label ?? "_"): \(canonicalDescription($0.value))" }
        return "\(mirror.subjectType)(" + fields.joined(separator: ", ") + ")"
    }
}

/// Checks one order body three ways. The entry point must end exactly as `JSONDecoder` does; the reader, when
/// it accepts the body, must produce the same order. `readerAccepts` says whether it must (true) or must not
/// (false) accept it. Returns whether the reader accepted.
@discardableResult
private func expectSameAsCodable(
    _ data: Data, readerAccepts: Bool? = nil, _ comment: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let reference = Outcome { try WooJSON.decoder.decode(WooOrder.self, from: data) }
    let entry = Outcome { try WooOrder.decode(from: data) }
    #expect(entry == reference, "entry point \(comment)", sourceLocation: sourceLocation)
    return expectReader(
        Outcome { try WooOrderReader.order(in: data) }, reference, readerAccepts, comment, sourceLocation)
}

@discardableResult
private func expectSameListAsCodable(
    _ data: Data, readerAccepts: Bool? = nil, _ comment: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let reference = Outcome { try WooJSON.decoder.decode([WooOrder].self, from: data) }
    let entry = Outcome { try WooOrder.decodeList(from: data) }
    #expect(entry == reference, "entry point \(comment)", sourceLocation: sourceLocation)
    return expectReader(
        Outcome { try WooOrderReader.orders(in: data) }, reference, readerAccepts, comment, sourceLocation)
}

private func expectReader<Value: Equatable>(
    _ reader: Outcome<Value>, _ reference: Outcome<Value>, _ readerAccepts: Bool?, _ comment: String,
    _ sourceLocation: SourceLocation
) -> Bool {
    guard case .value = reader else {
        #expect(readerAccepts != true, "reader refused: \(reader) \(comment)", sourceLocation: sourceLocation)
        return false
    }
    #expect(reader == reference, "reader \(comment)", sourceLocation: sourceLocation)
    #expect(readerAccepts != false, "reader accepted \(comment)", sourceLocation: sourceLocation)
    return true
}

/// A small seeded generator, so the edits are the same on every run.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
