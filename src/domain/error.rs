//! Every refusal, each rendered as one sentence an admin understands, naming what to do.
//! Errors carry names, not ids, so they read the same wherever they are shown.

mod words;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainError {
    NotAllowed {
        actor: String,
        action: &'static str,
        who: &'static str,
    },
    Unknown {
        what: &'static str,
        id: String,
    },
    InvalidEmail(String),
    MissingName {
        field: &'static str,
    },
    InvalidName {
        field: &'static str,
        value: String,
    },
    DuplicateEmail {
        email: String,
        name: String,
    },
    IsContractManager {
        user: String,
        contract: String,
    },
    IsCoordinator {
        user: String,
        serial: String,
    },
    /// `needed` more seats than the `available` ones of a single-user line (rule 9).
    NoSeatLeft {
        product: String,
        contract: String,
        seats: u32,
        needed: usize,
        available: usize,
    },
    /// `needed` more named users than the `available` places of a multi-user line (rule 11).
    MultiUserLimit {
        product: String,
        contract: String,
        limit: u32,
        needed: usize,
        available: usize,
    },
    /// `needed` more support-benefit holders than the `available` places (rule 13).
    BenefitLimit {
        contract: String,
        limit: u32,
        needed: usize,
        available: usize,
    },
    NoServiceChosen {
        product: String,
    },
    SecondSeat {
        user: String,
        product: String,
        held: String,
    },
    UnknownService {
        product: String,
        service: String,
    },
    ContractUnusable {
        contract: String,
        status: &'static str,
    },
    NotPending {
        user: String,
    },
    NotNamedUser {
        user: String,
    },
    NotYetAccepted {
        user: String,
    },
    AlreadyContractManager {
        user: String,
        contract: String,
    },
    AlreadyCoordinator {
        user: String,
        serial: String,
    },
    TransferNotAllowed {
        contract: String,
    },
    AutoRenewNotOnline {
        contract: String,
    },
    TooManyEntries {
        count: usize,
        max: usize,
    },
    NothingEntered,
    CsvHeader {
        columns: String,
    },
    InvalidUrl(String),
    HubUrlTaken {
        url: String,
        hub: String,
    },
    NoTeamProduct {
        contract: String,
    },
    HubNameTaken {
        name: String,
    },
    /// A BIM 360 Team contract goes to a BIM 360 Team hub, a Fusion Team contract to a Fusion Team hub (rule 53).
    HubTypeMismatch {
        contract: String,
        product: String,
        hub: String,
        kind: String,
    },
    AlreadyOnHub {
        contract: String,
        hub: String,
    },
    /// The admin has not yet seen and confirmed what the assignment does (rule 55).
    HubChangeNotConfirmed {
        what: String,
    },
    NoTeamSeat {
        user: String,
        product: String,
        contract: String,
    },
    AlreadyTeamMember {
        user: String,
        team: String,
    },
    /// Rule 44: a subscription moves only while none of its seats is assigned.
    SubscriptionInUse {
        id: String,
        product: String,
        team: String,
        holders: usize,
        left: u32,
    },
    SameTeam {
        team: String,
    },
    /// Issue 30's requests.
    AlreadyRequested {
        product: String,
        on: String,
    },
    ReasonNeeded {
        what: &'static str,
    },
    ReasonTooLong {
        max: usize,
    },
    RequestAnswered {
        product: String,
        answer: String,
    },
    PolicyUnchanged {
        product: String,
        on: bool,
    },
    NotTeamMember {
        user: String,
        team: String,
    },
    IsPrimaryAdmin {
        user: String,
    },
    Synced {
        user: String,
    },
    NotSecondaryAdmin {
        user: String,
    },
    AlreadyHasRole {
        user: String,
        role: &'static str,
    },
    NoPoolSeat {
        product: String,
        team: String,
    },
    SubscriptionFull {
        subscription: String,
        product: String,
    },
    WrongProduct {
        subscription: String,
        product: String,
    },
    GroupSeats {
        group: String,
        product: String,
        needed: usize,
        available: usize,
    },
    GroupGranted {
        user: String,
        product: String,
        group: String,
    },
    NotAssigned {
        user: String,
        product: String,
    },
    AlreadyAssigned {
        user: String,
        product: String,
    },
    GroupNameTaken {
        name: String,
    },
    PoolSeats {
        product: String,
        team: String,
        needed: usize,
        available: usize,
    },
    OnePrimaryAdmin,
    PlanNamesPrimaryAdmin {
        user: String,
    },
    NoneSelected,
    /// A CSV file with nothing in it, or only its header.
    EmptyFile,
    /// A file that is not CSV text: a workbook, a picture, UTF-16.
    NotCsv {
        what: &'static str,
    },
    NoRows,
    NameTooLong {
        what: &'static str,
        max: usize,
    },
    TeamNameTaken {
        name: String,
    },
    /// A team or group name that is empty once spaces are trimmed.
    EmptyName {
        what: &'static str,
    },
    SameName {
        name: String,
    },
    /// An auto-assign rule's email domain that is not one (issue 12).
    BadRuleDomain {
        text: String,
    },
    SameRule {
        rule: String,
    },
    NoRules,
    /// A shared change that acts as someone other than the person who signed it (issue 15).
    NotAuthor {
        author: String,
        actor: String,
    },
    /// Customised items that the product doesn't include, or none at all (W3').
    UnknownItem {
        product: String,
        item: String,
    },
    NoItemChosen {
        product: String,
    },
    AlreadyInGroup {
        user: String,
        group: String,
    },
    NotInGroup {
        user: String,
        group: String,
    },
    GroupAlreadyHasProduct {
        group: String,
        product: String,
    },
    GroupLacksProduct {
        group: String,
        product: String,
    },
    /// A difference of newer exports that no longer fits the account (issue 31).
    Refresh {
        change: String,
        why: String,
    },
    /// A limited admin asked for what lies outside their limit (issue 30).
    AdminLimited {
        actor: String,
        /// "is a product admin of Design for Revit only", "reads Reporting only in Design".
        limit: String,
        action: &'static str,
        product: Option<String>,
    },
    LimitOnlySecondaryAdmin {
        user: String,
    },
    LimitOwnRole,
    LimitNoProducts,
    LimitUnchanged {
        user: String,
    },
}
