//! Word lists the demo workspace is made of.

pub const FIRST_NAMES: &[&str] = &[
    "Ana",
    "Ben",
    "Chloé",
    "David",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Inès",
    "Jonas",
    "Kemal",
    "Lena",
    "Mateo",
    "Nora",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Amara",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Emma",
    "Fatima",
    "Gustav",
    "Hannah",
    "Ivan",
    "Julia",
    "Kofi",
    "Lucía",
    "Marek",
    "Nadia",
    "Olivia",
    "Pedro",
    "Rahul",
    "Sofia",
    "Tomás",
    "Valentina",
    "William",
    "Yara",
    "Aiko",
    "Björn",
];

pub const LAST_NAMES: &[&str] = &[
    "Almeida",
    "Becker",
    "Castillo",
    "Dubois",
    "Eriksson",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lefèvre",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Urban",
    "Virtanen",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmermann",
    "Andersson",
    "Bianchi",
    "Costa",
    "Novak",
    "Okafor",
    "Park",
    "Ramos",
    "Santos",
    "Thompson",
    "Van Dijk",
    "Wójcik",
    "Moreau",
    "Nguyen",
    "Larsen",
];

pub const COMPANY_FIRST: &[&str] = &[
    "Alpine",
    "Bright",
    "Cedar",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Maple",
    "Nimbus",
    "Orchard",
    "Pioneer",
    "Quartz",
    "Riverside",
    "Summit",
    "Tidal",
    "Union",
    "Vertex",
    "Willow",
    "Zenith",
];

pub const COMPANY_SECOND: &[&str] = &[
    "Bakery",
    "Dental",
    "Logistics",
    "Studio",
    "Foods",
    "Analytics",
    "Builders",
    "Consulting",
    "Fitness",
    "Print",
    "Optics",
    "Solar",
    "Outfitters",
    "Clinic",
    "Coffee",
    "Labs",
    "Florists",
    "Motors",
    "Travel",
    "Legal",
];

pub const COMPANY_SUFFIX: &[&str] = &["GmbH", "Ltd", "SARL", "Inc.", "& Co.", "BV", "AB", "Oy", ""];

pub const INDUSTRIES: &[&str] =
    &["Retail", "Healthcare", "Hospitality", "Manufacturing", "Professional services", "Construction", "Food & drink"];

pub const SIZES: &[&str] = &["1-10", "11-50", "51-200", "201-500"];

pub const JOB_TITLES: &[&str] = &[
    "Owner",
    "Founder",
    "Office Manager",
    "Marketing Manager",
    "Head of Sales",
    "Operations Director",
    "CEO",
    "Purchasing Lead",
    "Practice Manager",
    "Store Manager",
    "CFO",
    "Event Coordinator",
];

pub const OWNERS: &[&str] = &["Alex Morgan", "Sam Rivera", "Jordan Lee", "Priya Shah", "Tom Becker"];

pub const TAGS: &[&str] =
    &["VIP", "newsletter", "trade show", "partner", "referral", "warm", "cold", "returning", "enterprise", "local"];

pub const SOURCES: &[&str] = &["Website", "Referral", "Trade show", "Newsletter", "Walk-in", "LinkedIn", "Google Ads"];

pub const CHANNELS: &[&str] = &["email", "social", "blog", "ads", "events", "print", "seo", "partners"];

pub const CAMPAIGN_THEMES: &[&str] = &[
    "Spring Launch",
    "Summer Sale",
    "Back to Business",
    "Autumn Webinar Series",
    "Holiday Offer",
    "New Year Kickoff",
    "Customer Stories",
    "Referral Drive",
    "Trade Fair",
    "Product Tour",
    "Loyalty Programme",
    "Local Meetup",
    "Partner Week",
    "Black Friday",
    "Open House",
];

pub const COLORS: &[&str] = &["#2563eb", "#16a34a", "#db2777", "#ea580c", "#7c3aed", "#0891b2", "#ca8a04", "#dc2626"];

pub const ZONES: &[&str] = &["Europe/Berlin", "Europe/London", "America/New_York", "Europe/Paris", "UTC"];

pub const LOST_REASONS: &[&str] = &["Price", "Went with a competitor", "No budget", "No response", "Timing"];

pub const DEAL_WORDS: &[&str] = &[
    "Annual plan",
    "Pilot",
    "Website redesign",
    "Catering contract",
    "Fleet service",
    "Equipment lease",
    "Consulting retainer",
    "Renewal",
    "Expansion",
    "Starter package",
    "Training days",
    "Maintenance",
];

pub const ACTIVITY_SUBJECTS: &[&str] = &[
    "Intro call",
    "Send proposal",
    "Follow up on quote",
    "Demo meeting",
    "Check in",
    "Contract review",
    "Send case study",
    "Site visit",
    "Negotiate terms",
    "Thank-you note",
];
