//! Each refusal in words: one sentence an admin understands, naming what to do.

use super::DomainError;
use std::fmt;

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DomainError::*;
        match self {
            NotAllowed { actor, action, who } => write!(f, "{actor} can't {action}: only {who} can."),
            Unknown { what, id } => write!(f, "There is no {what} {id} in this account; reload the page and try again."),
            InvalidEmail(e) if e.is_empty() => write!(f, "Enter an email address."),
            InvalidEmail(e) => write!(f, "\"{}\" is not a valid email address; use the form name@company.com.", typed(e)),
            MissingName { field } => write!(f, "Enter a {field}."),
            InvalidName { field, value } => write!(f, "The {field} \"{}\" can't be used: use no double-byte digits, no < or >, and at most 50 characters.", typed(value)),
            DuplicateEmail { email, name } => write!(f, "{email} is already a user ({name}); each email can be added once."),
            IsContractManager { user, contract } => write!(f, "{user} is the contract manager of {contract}; make someone else contract manager first."),
            IsCoordinator { user, serial } => write!(f, "{user} is the software coordinator of serial number {serial}; assign another software coordinator first."),
            NoSeatLeft { product, contract, seats, needed: 1, available: 0 } => write!(f, "All {seats} seats of {product} on contract {contract} are assigned; unassign someone or buy more seats."),
            NoSeatLeft { product, contract, needed, available, .. } => write!(f, "{product} on contract {contract}: {} needed and {available} {} available; unassign someone, select fewer users or buy more seats.", count(*needed, "seat is", "seats are"), is_are(*available)),
            MultiUserLimit { product, contract, limit, needed: 1, available: 0 } => write!(f, "{product} on contract {contract} already has its {limit} named users (3 per multi-user seat); unassign someone first."),
            MultiUserLimit { product, contract, limit, needed, available } => write!(f, "{product} on contract {contract}: {} needed and {available} {} available (3 per multi-user seat, {limit} in all); unassign someone or select fewer users.", count(*needed, "named user is", "named users are"), is_are(*available)),
            BenefitLimit { contract, limit, needed: 1, available: 0 } => write!(f, "Support benefits on contract {contract} already go to {limit} users (6 per purchased seat); remove someone's benefits first."),
            BenefitLimit { contract, limit, needed, available } => write!(f, "Support benefits on contract {contract}: {} needed and {available} {} available (6 per purchased seat, {limit} in all); remove someone's benefits or select fewer users.", count(*needed, "place is", "places are"), is_are(*available)),
            SecondSeat { user, product, held } => write!(f, "{user} would hold {product} twice: they already have it through {held}. Tick \"Assign a separate seat anyway\" to take a second seat on purpose."),
            NoServiceChosen { product } => write!(f, "{product} is a multi-user product: tick at least one cloud service to give to this user."),
            UnknownService { product, service } => write!(f, "{product} has no service called \"{service}\"."),
            ContractUnusable { contract, status } if *status == "Canceled" => write!(f, "Contract {contract} is Canceled: it can't be renewed, so nothing can be assigned from it; buy a new subscription."),
            ContractUnusable { contract, status } => write!(f, "Contract {contract} is {status}: nothing can be assigned from it until it is renewed."),
            NotPending { user } => write!(f, "{user} has already accepted the invitation; there is nothing to resend."),
            NotNamedUser { user } => write!(f, "{user} is not a named user in Classic User Management; add them there first."),
            NotYetAccepted { user } => write!(f, "{user} hasn't accepted the invitation yet; they can take this role once they have."),
            AlreadyContractManager { user, contract } => write!(f, "{user} is already the contract manager of {contract}."),
            AlreadyCoordinator { user, serial } => write!(f, "{user} is already the software coordinator of serial number {serial}."),
            TransferNotAllowed { contract } => write!(f, "Contract {contract} was bought from the Autodesk store, so its contract manager can't be changed: cancel it and buy it again as the new contract manager."),
            AutoRenewNotOnline { contract } => write!(f, "Contract {contract} was bought through a reseller: contact the reseller to renew it."),
            TooManyEntries { count, max } => write!(f, "{count} entries were given; at most {max} can be added at once. Split the list and add the rest next."),
            NothingEntered => write!(f, "Enter at least one user."),
            CsvHeader { columns } => write!(f, "The file's first row must be the column names: {columns}."),
            InvalidUrl(u) => write!(f, "\"{}\" is not a Team hub address: enter it as https://yourhub.autodesk360.com.", typed(u)),
            HubUrlTaken { url, hub } => write!(f, "{url} is already the address of the hub {hub}."),
            HubNameTaken { name } => write!(f, "A hub called {name} already exists; choose another name."),
            HubTypeMismatch { contract, product, hub, kind } => write!(f, "Contract {contract} holds {product}, so it can't go to {hub}, a {kind} hub: choose a {product} hub."),
            AlreadyOnHub { contract, hub } => write!(f, "Contract {contract} is already assigned to {hub}."),
            HubChangeNotConfirmed { what } => write!(f, "{what} Confirm to go ahead."),
            NoTeamProduct { contract } => write!(f, "Contract {contract} has no BIM 360 Team or Fusion Team product, so it can't be assigned to a Team hub."),
            NoTeamSeat { user, product, contract } => write!(f, "{user} needs a seat of {product} on contract {contract} to see \"Access now\"; assign one to yourself first."),
            AlreadyTeamMember { user, team } => write!(f, "{user} is already in the team {team}."),
            SubscriptionInUse { id, product, team, holders, left } => write!(f, "{id} can't move while its seats are assigned: {holders} people hold {product} in {team}, and without {id} its pool has {left} seats. Unassign seats first (rule 44)."),
            SameTeam { team } => write!(f, "The subscription is already in {team}; choose another team."),
            AlreadyRequested { product, on } => write!(f, "You asked for {product} there on {on}; an admin will answer that request."),
            ReasonNeeded { what } => write!(f, "Give a reason {what}: the other person reads it."),
            ReasonTooLong { max } => write!(f, "The reason is too long: at most {max} characters."),
            RequestAnswered { product, answer } => write!(f, "This request for {product} was already {answer}."),
            PolicyUnchanged { product, on } => write!(f, "Automatic approval of {product} there is already {}.", if *on { "on" } else { "off" }),
            NotTeamMember { user, team } => write!(f, "{user} is not in the team {team}; invite them first."),
            IsPrimaryAdmin { user } => write!(f, "{user} is the primary admin; make another secondary admin the primary admin first."),
            Synced { user } => write!(f, "{user} was added by directory sync and can only be changed in your directory."),
            NotSecondaryAdmin { user } => write!(f, "{user} is not a secondary admin; only a secondary admin can become the primary admin."),
            AlreadyHasRole { user, role } => write!(f, "{user} is already {role}."),
            NoPoolSeat { product, team } => write!(f, "Every seat of {product} in {team} is in use; unassign someone or buy more seats."),
            SubscriptionFull { subscription, product } => write!(f, "Every seat of {product} on subscription {subscription} is in use; choose the pool or another subscription."),
            WrongProduct { subscription, product } => write!(f, "Subscription {subscription} is not for {product}."),
            GroupSeats { group, product, needed, available } => write!(f, "Not enough available seats: {group} needs {} of {product} for its members but only {available} {} available (a group gets a product only with a seat for every member); buy seats or free some first.", count(*needed, "seat", "seats"), is_are(*available)),
            GroupGranted { user, product, group } => write!(f, "{user} has {product} through the group {group}; remove it at the group instead."),
            NotAssigned { user, product } => write!(f, "{user} doesn't have {product}."),
            AlreadyAssigned { user, product } => write!(f, "{user} already has {product}; a user takes at most one seat of a product."),
            GroupNameTaken { name } => write!(f, "A group called {name} already exists in this team."),
            PoolSeats { product, team, needed, available } => write!(f, "Not enough available seats: {} a seat of {product} and {available} {} free in {team}'s pool; select fewer users, unassign someone or buy more seats.", count(*needed, "user needs", "users need"), is_are(*available)),
            PlanNamesPrimaryAdmin { user } => write!(f, "A migration plan can't make {user} the primary admin: a team's primary admin changes only by Change role on a secondary admin."),
            NoneSelected => write!(f, "Select at least one user."),
            EmptyFile => write!(f, "The file is empty."),
            NotCsv { what } => write!(f, "The file is {what}, not a CSV: choose the CSV file itself, or save it as CSV UTF-8 (in Excel: File → Save As → CSV UTF-8)."),
            NoRows => write!(f, "The file has its column names but no rows under them."),
            NameTooLong { what, max } => write!(f, "A {what} name can have at most {max} characters."),
            OnePrimaryAdmin => write!(f, "A team has exactly one primary admin: select one secondary admin to make primary admin."),
            TeamNameTaken { name } => write!(f, "A team called {name} already exists in this account."),
            EmptyName { what } => write!(f, "Enter a {what} name."),
            SameName { name } => write!(f, "The name is already {name}."),
            BadRuleDomain { text } => write!(
                f,
                "\"{}\" is not an email domain: enter what comes after the @, such as structural.contoso-eng.com.",
                typed(text)
            ),
            SameRule { rule } => write!(f, "This rule exists already: {rule}."),
            NoRules => write!(f, "There are no auto-assign rules to run: add one first."),
            NotAuthor { author, actor } => write!(f, "This shared change was signed by {author} but acts as {actor}: a change can only act as the person who signed in to make it."),
            UnknownItem { product, item } => write!(f, "{product} has no item called \"{item}\"."),
            NoItemChosen { product } => write!(f, "Tick at least one item of {product}."),
            AlreadyInGroup { user, group } => write!(f, "{user} is already in {group}."),
            NotInGroup { user, group } => write!(f, "{user} is not in {group}."),
            GroupAlreadyHasProduct { group, product } => write!(f, "{group} already has {product}."),
            GroupLacksProduct { group, product } => write!(f, "{group} doesn't have {product}."),
            AdminLimited { actor, limit, action, product } => {
                let of = product.as_ref().map(|p| format!(" of {p}")).unwrap_or_default();
                write!(f, "{actor} {limit}, so cannot {action}{of}; an admin of the team without a limit can.")
            }
            LimitOnlySecondaryAdmin { user } => write!(f, "{user} is not a secondary admin; only a secondary admin's role can be limited. Make them a secondary admin first."),
            LimitOwnRole => write!(f, "You cannot limit your own admin role; another admin of the team can."),
            LimitNoProducts => write!(f, "Tick at least one product, or choose Reporting only or the whole team."),
            LimitUnchanged { user } => write!(f, "{user}'s admin role is already limited that way."),
            Refresh { change, why } => write!(
                f,
                "Nothing was refreshed: \"{change}\" can't be applied, as {why}. Choose the exports again to see what changed since."
            ),
        }
    }
}

impl std::error::Error for DomainError {}

/// What an admin typed, as a refusal quotes it: cut after 60 characters, so a pasted page can't stretch the
/// message (or its dialog) across the screen.
fn typed(value: &str) -> String {
    match value.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

/// "1 seat is" / "3 seats are".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}
