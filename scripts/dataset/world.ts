/** People, places and fictional employers. All company and school names are invented. */
import type { Sector } from './types';

export const FIRST_NAMES: readonly string[] = [
  // English / Irish / Scottish
  'Emma', 'Oliver', 'Charlotte', 'Harry', 'Sophie', 'Jack', 'Grace', 'Thomas', 'Ella', 'James', 'Niamh', 'Callum',
  'Hannah', 'Daniel', 'Megan', 'Liam', 'Rachel', 'Sean',
  // Spanish / Portuguese / Latin American
  'Lucía', 'Mateo', 'Camila', 'Diego', 'Valentina', 'Javier', 'Sofía', 'Andrés', 'Beatriz', 'João', 'Mariana', 'Rafael',
  // South Asian
  'Priya', 'Arjun', 'Ananya', 'Rohan', 'Aisha', 'Vikram', 'Kavya', 'Rahul', 'Meera', 'Imran', 'Sana', 'Nikhil',
  // East / Southeast Asian
  'Wei', 'Mei', 'Jun', 'Yuki', 'Haruto', 'Sakura', 'Min-jun', 'Ji-woo', 'Linh', 'Minh', 'Xin', 'Hiroshi', 'Thanh', 'Seo-yeon',
  // African
  'Chinedu', 'Amara', 'Kwame', 'Ngozi', 'Tunde', 'Zanele', 'Kofi', 'Adaeze', 'Thabo', 'Wanjiru', 'Olumide', 'Fatoumata',
  // Arabic / Persian / Turkish
  'Omar', 'Layla', 'Yusuf', 'Nour', 'Karim', 'Leila', 'Darius', 'Elif', 'Emre', 'Zeynep', 'Hassan', 'Yasmin',
  // European
  'Lukas', 'Anna', 'Jonas', 'Lena', 'Mathilde', 'Louis', 'Giulia', 'Marco', 'Katarzyna', 'Piotr', 'Ingrid', 'Lars',
  'Sanne', 'Daan', 'Elena', 'Nikos', 'Aleksander', 'Zofia', 'Matteo', 'Chiara', 'Freya', 'Erik',
  // North American and other
  'Tyler', 'Madison', 'Jordan', 'Kayla', 'Marcus', 'Jasmine', 'Andre', 'Brianna', 'Caleb', 'Naomi', 'Malik', 'Tara',
  'Aroha', 'Tane', 'Isabela', 'Noah', 'Maya', 'Samir', 'Alex', 'Sam',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Walker', 'Hughes', 'Murphy', "O'Brien", 'MacLeod', 'Evans', 'Patel', 'Shah', 'Sharma', 'Iyer', 'Reddy',
  'Khan', 'Chowdhury', 'Nair', 'Gupta', 'Menon', 'Das', 'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Tanaka', 'Sato',
  'Nakamura', 'Kim', 'Park', 'Choi', 'Nguyen', 'Tran', 'Pham', 'Santos', 'Silva', 'Oliveira', 'García', 'Martínez',
  'Rodríguez', 'López', 'Hernández', 'Torres', 'Ramírez', 'Okafor', 'Adeyemi', 'Mensah', 'Owusu', 'Nwosu', 'Dlamini',
  'Ndlovu', 'Mwangi', 'Kamau', 'Diallo', 'Haddad', 'Khalil', 'Nasser', 'Rahimi', 'Yilmaz', 'Demir', 'Müller',
  'Schmidt', 'Weber', 'Fischer', 'Dubois', 'Laurent', 'Moreau', 'Rossi', 'Bianchi', 'Ricci', 'Kowalski', 'Nowak',
  'Wiśniewska', 'Andersson', 'Johansson', 'Nielsen', 'Hansen', 'de Vries', 'Jansen', 'Bakker', 'Papadopoulos',
  'Georgiou', 'Ivanova', 'Novak', 'Horvat', 'Johnson', 'Williams', 'Brown', 'Jones', 'Davis', 'Miller', 'Wilson',
  'Thompson', 'Robinson', 'Clarke', 'Bennett', 'Campbell', 'Reyes', 'Cruz', 'Morales', 'Ortiz', 'Ngata', 'Parata',
  'Cohen', 'Levi', 'Friedman', 'Mahlaba', 'Baptiste', 'Joseph', 'Fernandes', 'Costa', 'Kaur', 'Singh', 'Ali',
];

export interface Place {
  city: string;
  label: string;
  currency: '$' | '€' | '£';
}

function place(label: string, currency: Place['currency'] = '$'): Place {
  return { city: label.split(',')[0] ?? label, label, currency };
}

export const PLACES: readonly Place[] = [
  place('London, UK', '£'), place('Manchester, UK', '£'), place('Edinburgh, UK', '£'), place('Bristol, UK', '£'),
  place('Leeds, UK', '£'), place('Dublin, Ireland', '€'), place('Berlin, Germany', '€'), place('Munich, Germany', '€'),
  place('Amsterdam, Netherlands', '€'), place('Rotterdam, Netherlands', '€'), place('Paris, France', '€'),
  place('Lyon, France', '€'), place('Lisbon, Portugal', '€'), place('Barcelona, Spain', '€'), place('Madrid, Spain', '€'),
  place('Milan, Italy', '€'), place('Stockholm, Sweden', '€'), place('Copenhagen, Denmark', '€'), place('Warsaw, Poland', '€'),
  place('Zurich, Switzerland', '€'), place('New York, NY'), place('San Francisco, CA'), place('Austin, TX'),
  place('Chicago, IL'), place('Seattle, WA'), place('Boston, MA'), place('Denver, CO'), place('Atlanta, GA'),
  place('Toronto, Canada'), place('Vancouver, Canada'), place('Montreal, Canada'), place('Sydney, Australia'),
  place('Melbourne, Australia'), place('Auckland, New Zealand'), place('Singapore'), place('Bangalore, India'),
  place('Pune, India'), place('Lagos, Nigeria'), place('Nairobi, Kenya'), place('Cape Town, South Africa'),
  place('São Paulo, Brazil'), place('Mexico City, Mexico'), place('Tel Aviv, Israel'), place('Dubai, UAE'),
  place('Tokyo, Japan'), place('Seoul, South Korea'),
];

export interface Company {
  name: string;
  industry: string;
}

function companies(industry: string, names: string[]): Company[] {
  return names.map((name) => ({ name, industry }));
}

export const COMPANIES: Record<Sector, readonly Company[]> = {
  tech: [
    ...companies('fintech', ['Finlo', 'Paylane', 'Mosaic Ledger', 'Coinvale', 'Tallybird']),
    ...companies('B2B SaaS', ['Quillstack', 'Stackfield', 'Orbitly', 'Veritra', 'Tessellate', 'Gridmoor', 'Meridio']),
    ...companies('e-commerce', ['Cartwheel Commerce', 'Parcelo', 'Bramblebox', 'Shopwell']),
    ...companies('healthtech', ['Altura Health', 'Helixa', 'Carebridge Digital']),
    ...companies('edtech', ['Kindling Labs', 'Brightwave Learning', 'Chalkline']),
    ...companies('HR tech', ['Juniper Row', 'Teamloom']),
    ...companies('logistics software', ['Wayfold', 'Freightful']),
    ...companies('developer tools', ['Ferncloud', 'Hoplite Systems', 'Driftwood Data']),
    ...companies('travel tech', ['Tidewell Travel', 'Roamly']),
    ...companies('climate tech', ['Solvane', 'Greenmesh']),
    ...companies('media streaming', ['Lumora', 'Harborlight Media']),
    ...companies('insurtech', ['Covera', 'Bluequay']),
    ...companies('proptech', ['Keystead', 'Nestwise']),
  ],
  finance: [
    ...companies('banking', ['Redfern Bank', 'Halden Financial', 'Northmoor Bank']),
    ...companies('insurance', ['Kestrel Insurance', 'Crestmoor Assurance']),
    ...companies('asset management', ['Ashford Capital', 'Marlow & Pike', 'Oakhurst Partners']),
    ...companies('payments', ['Clearmint Payments', 'Tamsin Pay']),
    ...companies('consumer lending', ['Greystone Mutual', 'Lendford']),
  ],
  retail: [
    ...companies('retail', ['Hollis & Reed', 'Northgate Retail', 'Pinecrest Stores']),
    ...companies('consumer goods', ['Saffron Lane Foods', 'Fairweather Goods', 'Tallow & Twine']),
    ...companies('fashion retail', ['Cobalt Outfitters', 'Linnet & Lace']),
    ...companies('grocery', ['Greengage Grocers', 'Marketfern']),
    ...companies('home furnishings', ['Bramble Home', 'Oakvale Living']),
  ],
  health: [
    ...companies('healthcare', ['St Aldric Hospital', 'Riverside General Hospital', 'Kingsmere Hospital', 'Westvale Health Trust']),
    ...companies('community healthcare', ['Bayview Community Health', 'Elmstead Care Group']),
    ...companies('private healthcare', ['Meadowbank Clinic', 'Harrowgate Medical Centre']),
  ],
  education: [
    ...companies('secondary education', ['Oakridge Academy', 'Linden High School', 'Ashcombe School']),
    ...companies('primary education', ['Maple Grove Primary', 'Brookside Primary School']),
    ...companies('higher education', ['Brookfield College', 'Northfield University']),
    ...companies('online learning', ['Harcourt Learning', 'Summit Online Academy']),
  ],
  legal: [
    ...companies('legal services', ['Hartwell & Pryce LLP', 'Calder Moss Solicitors', 'Byrne Lockwood LLP']),
    ...companies('corporate law', ['Ainsley Grant Legal', 'Whitcombe & Hale']),
  ],
  agency: [
    ...companies('creative services', ['Foxglove Studio', 'Pixel & Prose', 'Hatch Creative']),
    ...companies('advertising', ['Redkite Agency', 'Loudwater']),
    ...companies('consulting', ['Margin Consulting', 'Bellwether Partners']),
  ],
  industrial: [
    ...companies('manufacturing', ['Ironbridge Manufacturing', 'Mercia Components', 'Ridgeback Industries']),
    ...companies('logistics', ['Coldwater Logistics', 'Tern Freight']),
    ...companies('energy', ['Halcyon Energy', 'Brightmoor Power']),
    ...companies('food production', ['Dunmore Foods']),
    ...companies('construction', ['Stonegate Build']),
  ],
  public: [
    ...companies('local government', ['Eastbrook City Council', 'Northshire County Council']),
    ...companies('non-profit', ['Hearthstone Foundation', 'Open Doors Trust']),
    ...companies('housing', ['Clearwater Housing']),
  ],
};

export const UNIVERSITIES: readonly string[] = [
  'Westbrook University', 'University of Northfield', 'Lakeside Institute of Technology', 'Eastmoor University',
  'Kingsbridge College', 'Ravensworth University', 'Harlow State University', 'Carrington University',
  'Southvale University', 'Ashdown Polytechnic', 'Beacon Hill University', 'Thornbury College',
  'University of Greymouth', 'Pacific Coast University', 'Meridian Institute', 'Highgate School of Business',
];

/** "Outside work, you'll find me …" / "… is usually …" */
export const HOBBIES: readonly string[] = [
  'on a bike', 'at the climbing wall', 'baking bread', 'in the garden', 'on a hiking trail', 'behind a camera',
  'at a chessboard', 'playing bass in a pub band', 'swimming in cold water', 'reading science fiction',
  'coaching junior football', 'learning Japanese', 'at the pottery wheel', 'running trails', 'volunteering at a food bank',
];

export const ENVIRONMENTS: readonly string[] = [
  'small teams that move quickly', 'teams that write things down', 'places where people are kind and direct',
  'fast-growing companies', 'organisations with a real mission', 'teams that like to experiment',
];

export const OPPORTUNITIES: readonly string[] = [
  'new opportunities in {industry}', 'leadership roles', 'remote-friendly roles', 'conversations about {f1}',
  'mentoring people early in their careers', 'freelance and contract work', 'roles with more ownership',
];

export const BENEFITS: readonly string[] = [
  'a learning budget', 'private health insurance', 'flexible hours', '28 days of holiday', 'a pension with employer match',
  'parental leave well above the legal minimum', 'a home-office allowance', 'a four-day week in summer',
  'an annual team retreat', 'paid volunteering days',
];

export const REGIONS: readonly string[] = ['European', 'UK and EU', 'North American', 'EMEA', 'APAC'];
