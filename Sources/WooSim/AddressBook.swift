/// The people and places generated customers and orders are made of: real-looking names and addresses
/// from many countries, with the non-ASCII text (Zoë Müller, 李雷, José Ñúñez, Ørjan, emoji) that a
/// client must carry through without mangling.
enum AddressBook {
    struct Person: Sendable {
        var firstName: String
        var lastName: String
        var company: String
        var address1: String
        var address2: String
        var city: String
        var state: String
        var postcode: String
        var country: String
        var phone: String
        var emailLocal: String
    }

    static let people: [Person] = [
        Person(
            firstName: "Zoë", lastName: "Müller", company: "", address1: "Schönhauser Allee 12", address2: "",
            city: "Berlin", state: "", postcode: "10119", country: "DE", phone: "+49 30 1234567",
            emailLocal: "zoe.mueller"),
        Person(
            firstName: "雷", lastName: "李", company: "", address1: "建国路88号", address2: "SOHO现代城 2号楼 1801",
            city: "北京市", state: "CN2", postcode: "100022", country: "CN", phone: "+86 10 8888 6666",
            emailLocal: "li.lei"),
        Person(
            firstName: "José", lastName: "Ñúñez", company: "Cafés Ñúñez S.L.", address1: "Calle de Alcalá 42",
            address2: "3º B", city: "Madrid", state: "M", postcode: "28014", country: "ES", phone: "+34 91 555 0192",
            emailLocal: "jose.nunez"),
        Person(
            firstName: "Ørjan", lastName: "Sæther", company: "", address1: "Storgata 7", address2: "",
            city: "Oslo", state: "", postcode: "0155", country: "NO", phone: "+47 22 33 44 55",
            emailLocal: "orjan.saether"),
        Person(
            firstName: "John", lastName: "O'Brien", company: "Acme & Sons, Inc.", address1: "350 5th Ave",
            address2: "Suite 5100", city: "New York", state: "NY", postcode: "10118", country: "US",
            phone: "+1 212-555-0147", emailLocal: "john.obrien"),
        Person(
            firstName: "Emma", lastName: "de Vries", company: "", address1: "Dam 1", address2: "",
            city: "Amsterdam", state: "", postcode: "1012 JS", country: "NL", phone: "+31 20 555 1234",
            emailLocal: "emma.devries"),
        Person(
            firstName: "Mia", lastName: "Becker", company: "", address1: "Römerberg 23", address2: "",
            city: "Frankfurt am Main", state: "DE-HE", postcode: "60311", country: "DE", phone: "+49 69 7654321",
            emailLocal: "mia.becker"),
        Person(
            firstName: "Łukasz", lastName: "Wiśniewski", company: "", address1: "ul. Floriańska 15", address2: "m. 4",
            city: "Kraków", state: "", postcode: "31-019", country: "PL", phone: "+48 12 345 67 89",
            emailLocal: "lukasz.wisniewski"),
        Person(
            firstName: "花子", lastName: "田中", company: "", address1: "渋谷区神南1-2-3", address2: "",
            city: "東京都", state: "JP13", postcode: "150-0041", country: "JP", phone: "+81 3-1234-5678",
            emailLocal: "hanako.tanaka"),
        Person(
            firstName: "Françoise", lastName: "Lefèvre", company: "Boulangerie « Le Pain »",
            address1: "12 rue de l'Église", address2: "", city: "Paris", state: "", postcode: "75004", country: "FR",
            phone: "+33 1 42 00 00 00", emailLocal: "francoise.lefevre"),
        Person(
            firstName: "Søren", lastName: "Østergaard", company: "", address1: "Nørrebrogade 44", address2: "2. th.",
            city: "København N", state: "", postcode: "2200", country: "DK", phone: "+45 35 35 35 35",
            emailLocal: "soren.ostergaard"),
        Person(
            firstName: "Anna", lastName: "Gruber", company: "Kaffeehaus Gruber ☕", address1: "Mariahilfer Straße 88",
            address2: "Top 3", city: "Wien", state: "", postcode: "1070", country: "AT", phone: "+43 1 5876543",
            emailLocal: "anna.gruber"),
        Person(
            firstName: "Oliver", lastName: "Smith", company: "", address1: "221B Baker Street", address2: "",
            city: "London", state: "", postcode: "NW1 6XE", country: "GB", phone: "+44 20 7946 0958",
            emailLocal: "oliver.smith"),
        Person(
            firstName: "Jürgen", lastName: "Weiß", company: "Weiß & Söhne GmbH", address1: "Königstraße 1",
            address2: "Hinterhaus", city: "Stuttgart", state: "DE-BW", postcode: "70173", country: "DE",
            phone: "+49 711 999000", emailLocal: "juergen.weiss"),
        Person(
            firstName: "Chloé", lastName: "Dubois", company: "", address1: "5 place Bellecour", address2: "",
            city: "Lyon", state: "", postcode: "69002", country: "FR", phone: "+33 4 78 00 00 00",
            emailLocal: "chloe.dubois"),
        Person(
            firstName: "Sanne", lastName: "Bakker", company: "Bloemen 🌷 Bakker", address1: "Oudegracht 100",
            address2: "", city: "Utrecht", state: "", postcode: "3511 AX", country: "NL", phone: "+31 30 123 4567",
            emailLocal: "sanne.bakker"),
        Person(
            firstName: "Ümit", lastName: "Yılmaz", company: "", address1: "Sonnenallee 77", address2: "",
            city: "Berlin", state: "", postcode: "12045", country: "DE", phone: "", emailLocal: "uemit.yilmaz"),
        Person(
            firstName: "Maximilian", lastName: "Huber", company: "", address1: "Getreidegasse 9", address2: "",
            city: "Salzburg", state: "", postcode: "5020", country: "AT", phone: "+43 662 123456",
            emailLocal: "max.huber"),
    ]

    static let customerNotes: [String] = [
        "Please ring twice.", "Bitte beim Nachbarn abgeben.", "请放在门卫处", "Livraison après 18h",
        "Gift – no invoice inside, please 🎁", "Leave at the back door.", "Ring \"Müller\" – 3rd floor",
    ]
}
