public import ArgumentParser
public import ColophonCrypto
public import ColophonRecords

// Library enums read straight from the command line; the cases are the documented spellings.
extension KeyPredicate.Role: ExpressibleByArgument {}
extension SignatureAlgorithm: ExpressibleByArgument {}
extension ConsentPredicate.Status: ExpressibleByArgument {}
extension ConsentPredicate.Scope: HyphenatedArgument {}
extension ContributionPredicate.Category: HyphenatedArgument {}
