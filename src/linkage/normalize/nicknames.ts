import { COGNATE_NAMES, cognatesOf } from './given-name-cognates.ts';

/**
 * Given-name hypocorisms and the formal names they stand for, so that BILL and WILLIAM, PEPE and
 * JOSE compare as one name. A relation, not a function: ALEX stands for ALEXANDER, ALEJANDRO,
 * ALEXANDRA or ALEXIS, KATHY for CATHERINE or KATHLEEN. A nickname with one formal name is
 * canonicalized to it (the "same formal name" level); a nickname with several keeps itself as its
 * canonical form and carries the list (`nm_first_forms`), which gives the weaker "may stand for
 * the same formal name" level — EM learns what that is worth, so a broad relation costs weight,
 * never a false "same name".
 *
 * Source: hand-compiled for this project from two well-documented conventions —
 * English diminutives as catalogued in genealogical nickname lists (the "Nickname and Diminutive
 * Names Lookup" list, Old Dominion University / C. Northern, Apache-2.0, used only as a
 * cross-reference) and Spanish hipocorísticos as described by the Real Academia Española
 * (Nueva gramática, § 5.2) and Wikipedia's "Hipocorístico" article, plus the English forms that
 * Spanish names commonly take in the US (JOSE → JOE, FRANCISCO → FRANK). A name's form in the other
 * language (GEORGE for JORGE, HELEN for ELENA) is no nickname but another formal name: those are
 * given-name-cognates.ts's, read at the weaker level only. Keys and values are upper-case; accents
 * are folded when the index is built.
 */
const FORMAL_NAMES: Record<string, readonly string[]> = {
  // English
  ABIGAIL: ['ABBY', 'ABBIE', 'GAIL'],
  ALAN: ['AL'],
  ALBERT: ['AL', 'BERT', 'BERTIE'],
  ALEXANDER: ['ALEX', 'ALEC', 'AL', 'SANDY', 'XANDER'],
  ALEXANDRA: ['ALEX', 'ALEXA', 'LEXI', 'SANDY'],
  ALEXIS: ['ALEX', 'LEXI'],
  ALFRED: ['AL', 'ALF', 'ALFIE', 'FRED'],
  ALLEN: ['AL'],
  AMANDA: ['MANDY'],
  ANDREW: ['ANDY', 'DREW'],
  ANGELA: ['ANGIE'],
  ANN: ['ANNIE'],
  ANNE: ['ANNIE'],
  ANTHONY: ['TONY'],
  ARTHUR: ['ART', 'ARTIE'],
  BARBARA: ['BARB', 'BABS', 'BARBIE'],
  BEATRICE: ['BEA', 'TRIXIE'],
  BENJAMIN: ['BEN', 'BENNY', 'BENJI'],
  BRADLEY: ['BRAD'],
  CATHERINE: ['CATHY', 'CATE', 'KATHY', 'KATE', 'KATIE', 'KAT', 'KATHERINE', 'KATHRYN', 'CATHRYN'],
  CHARLES: ['CHARLIE', 'CHUCK', 'CHAS', 'CHAZ'],
  CHRISTINA: ['CHRIS', 'CHRISSY', 'TINA', 'CHRISTY', 'KRISTY'],
  CHRISTINE: ['CHRIS', 'CHRISSY', 'TINA', 'CHRISTY', 'KRISTY'],
  CHRISTOPHER: ['CHRIS', 'KIT', 'TOPHER'],
  CYNTHIA: ['CINDY'],
  DANIEL: ['DAN', 'DANNY'],
  DAVID: ['DAVE', 'DAVEY', 'DAVY'],
  DEBORAH: ['DEBBIE', 'DEBBY', 'DEB', 'DEBRA'],
  DONALD: ['DON', 'DONNIE', 'DONNY'],
  DOROTHY: ['DOT', 'DOTTIE', 'DOLLY'],
  DOUGLAS: ['DOUG'],
  EDMUND: ['ED', 'EDDIE', 'NED'],
  EDWARD: ['ED', 'EDDIE', 'EDDY', 'NED', 'TED', 'TEDDY'],
  EDWIN: ['ED', 'EDDIE'],
  ELEANOR: ['ELLIE', 'NELL', 'NELLIE'],
  ELIZABETH: [
    'LIZ',
    'LIZZIE',
    'LIZZY',
    'BETH',
    'BETSY',
    'BETTY',
    'BESS',
    'BESSIE',
    'ELIZA',
    'LISA',
    'LIBBY',
    'ELSIE',
    'LIZA',
    'BETTE',
  ],
  EUGENE: ['GENE'],
  FRANCES: ['FRAN', 'FRANNIE'],
  FRANCIS: ['FRANK', 'FRANKIE'],
  FRANKLIN: ['FRANK', 'FRANKIE'],
  FREDERICK: ['FRED', 'FREDDIE', 'FREDDY', 'FRITZ'],
  GABRIEL: ['GABE'],
  GERALD: ['JERRY', 'GERRY'],
  GREGORY: ['GREG', 'GREGG'],
  HAROLD: ['HAL', 'HARRY'],
  HENRY: ['HANK', 'HARRY'],
  HERBERT: ['HERB', 'BERT'],
  JACOB: ['JAKE'],
  JACQUELINE: ['JACKIE', 'JACQUI'],
  JAMES: ['JIM', 'JIMMY', 'JIMMIE', 'JAMIE'],
  JEFFREY: ['JEFF', 'GEOFFREY', 'GEOFF'],
  JENNIFER: ['JEN', 'JENNY', 'JENNI'],
  JESSICA: ['JESS', 'JESSIE'],
  JOHN: ['JACK', 'JOHNNY', 'JOHNNIE'],
  JONATHAN: ['JON', 'JONNY'],
  JOSEPH: ['JOE', 'JOEY'],
  JOSEPHINE: ['JO', 'JOSIE'],
  JOSHUA: ['JOSH'],
  JUDITH: ['JUDY'],
  KATHLEEN: ['KATHY', 'KATE', 'KATIE', 'KATHIE'],
  KENNETH: ['KEN', 'KENNY'],
  KIMBERLY: ['KIM'],
  LAWRENCE: ['LARRY', 'LAURENCE'],
  LEONARD: ['LEN', 'LENNY', 'LEO'],
  LOUIS: ['LOU'],
  MARGARET: ['MAGGIE', 'MEG', 'PEGGY', 'PEG', 'MARGE', 'MARGIE', 'MADGE'],
  MARY: ['MOLLY', 'POLLY', 'MAMIE'],
  MATTHEW: ['MATT', 'MATTY'],
  MICHAEL: ['MIKE', 'MIKEY', 'MICK', 'MICKEY'],
  MICHELLE: ['SHELLY', 'MICHE'],
  MITCHELL: ['MITCH'],
  NATHAN: ['NATE', 'NAT'],
  NATHANIEL: ['NATE', 'NAT'],
  NICHOLAS: ['NICK', 'NICKY', 'NICOLAS', 'NICO'],
  NICOLE: ['NIKKI', 'NICKY'],
  PAMELA: ['PAM'],
  PATRICK: ['PAT', 'PADDY'],
  PATRICIA: ['PAT', 'PATTY', 'PATSY', 'TRISH', 'TRICIA', 'PATY', 'PATI'],
  PETER: ['PETE'],
  PHILIP: ['PHIL', 'PHILLIP'],
  RAYMOND: ['RAY'],
  REBECCA: ['BECKY', 'BECCA'],
  RICHARD: ['DICK', 'RICH', 'RICHIE', 'RICK', 'RICKY'],
  ROBERT: ['BOB', 'BOBBY', 'ROB', 'ROBBIE', 'BERT'],
  RONALD: ['RON', 'RONNIE'],
  RUSSELL: ['RUSS'],
  SAMANTHA: ['SAM', 'SAMMY'],
  SAMUEL: ['SAM', 'SAMMY'],
  SANDRA: ['SANDY'],
  STANLEY: ['STAN'],
  STEPHANIE: ['STEPH'],
  STEPHEN: ['STEVE', 'STEVEN', 'STEVIE'],
  SUSAN: ['SUE', 'SUSIE', 'SUZY', 'SUZANNE'],
  TERENCE: ['TERRY', 'TERRENCE'],
  THEODORE: ['THEO', 'TED', 'TEDDY'],
  THERESA: ['TERRY', 'TESS', 'TESSA'],
  THOMAS: ['TOM', 'TOMMY'],
  TIMOTHY: ['TIM', 'TIMMY'],
  VICTORIA: ['VICKY', 'VICKI', 'TORI'],
  VINCENT: ['VINCE', 'VINNY'],
  VIRGINIA: ['GINNY', 'GINGER'],
  WALTER: ['WALT', 'WALLY'],
  WILLIAM: ['BILL', 'BILLY', 'BILLIE', 'WILL', 'WILLIE', 'WILLY', 'LIAM'],
  ZACHARY: ['ZACH', 'ZACK'],
  ABRAHAM: ['ABE'],
  ALICE: ['ALLIE'],
  ALLISON: ['ALLIE', 'ALLY'],
  AUGUSTUS: ['GUS'],
  BERNARD: ['BERNIE'],
  BEVERLY: ['BEV'],
  CAROLINE: ['CARRIE', 'CAROL'],
  CAROLYN: ['CARRIE', 'CAROL'],
  CHRISTIAN: ['CHRIS'],
  CLIFFORD: ['CLIFF'],
  CONSTANCE: ['CONNIE'],
  DANIELLE: ['DANI'],
  DOMINIC: ['DOM'],
  EMILY: ['EMMY', 'EM'],
  ERNEST: ['ERNIE'],
  EVELYN: ['EVIE'],
  FLORENCE: ['FLO'],
  GWENDOLYN: ['GWEN'],
  HOWARD: ['HOWIE'],
  ISAAC: ['IKE'],
  JANET: ['JAN'],
  JEROME: ['JERRY'],
  MARTIN: ['MARTY', 'TINO'],
  MELISSA: ['MEL', 'MISSY'],
  MELVIN: ['MEL'],
  MILDRED: ['MILLIE'],
  NORMAN: ['NORM'],
  RANDALL: ['RANDY'],
  RANDOLPH: ['RANDY'],
  REGINALD: ['REGGIE'],
  ROBERTA: ['BOBBIE'],
  RODNEY: ['ROD'],
  ROSEMARY: ['ROSIE'],
  STUART: ['STU'],
  TAMARA: ['TAMMY'],
  TOBIAS: ['TOBY'],
  VALERIE: ['VAL'],
  VERNON: ['VERN'],
  WESLEY: ['WES'],
  ANNA: ['ANNIE'],
  CAMERON: ['CAM'],
  HELEN: ['NELL', 'NELLIE'],
  ISABELLA: ['BELLA', 'IZZY'],
  JOAN: ['JOANIE'],
  LAURA: ['LAURIE'],
  LINDA: ['LINDY'],
  MADELINE: ['MADDIE', 'MADDY'],
  MAXIMILIAN: ['MAX'],
  MAXWELL: ['MAX'],
  MEGAN: ['MEG'],
  MELANIE: ['MEL'],
  NATALIE: ['NAT', 'NATTIE'],
  OLIVIA: ['LIV', 'LIVVY'],
  SARAH: ['SALLY', 'SADIE'],
  SEBASTIAN: ['SEB', 'BASTIAN'],
  SOPHIA: ['SOPHIE'],
  ARNOLD: ['ARNIE'],
  CALVIN: ['CAL'],
  CASSANDRA: ['CASSIE', 'CASS'],
  CHARLOTTE: ['LOTTIE'],
  CURTIS: ['CURT'],
  EDGAR: ['ED', 'EDDIE'],
  ELIJAH: ['ELI'],
  EZEKIEL: ['ZEKE'],
  GERTRUDE: ['GERTIE', 'TRUDY'],
  GILBERT: ['GIL'],
  HARRIET: ['HATTIE'],
  JANICE: ['JAN'],
  KATRINA: ['TRINA'],
  LILLIAN: ['LILY', 'LIL'],
  LORRAINE: ['LORI'],
  MATILDA: ['TILLY', 'TILDA'],
  MONTGOMERY: ['MONTY'],
  OLIVER: ['OLLIE'],
  PRISCILLA: ['PRISSY', 'CILLA'],
  WALLACE: ['WALLY'],
  // Spanish, with the English forms these names commonly take in the US
  ADOLFO: ['FITO'],
  ALBERTO: ['BETO', 'AL'],
  ALEJANDRA: ['ALE', 'ALEX'],
  ALEJANDRO: ['ALEJO', 'JANO', 'ALEX'],
  ANA: ['ANITA'],
  ANTONIO: ['TONO', 'TOÑO', 'TONIO', 'TONY'],
  CONCEPCION: ['CONCHA', 'CONCHITA', 'CONCHI'],
  CONSUELO: ['CHELO'],
  DOLORES: ['LOLA', 'LOLITA'],
  EDUARDO: ['LALO', 'EDDIE'],
  ENRIQUE: ['QUIQUE', 'KIKE'],
  FEDERICO: ['FEDE'],
  FERNANDO: ['NANDO'],
  FRANCISCO: ['PACO', 'PANCHO', 'CURRO', 'PAQUITO', 'KIKO', 'CISCO', 'FRANK', 'FRANKIE'],
  FRANCISCA: ['PACA', 'PANCHA', 'PAQUITA'],
  GERARDO: ['LALO', 'JERRY'],
  GRACIELA: ['CHELA'],
  GUADALUPE: ['LUPE', 'LUPITA', 'PITA'],
  GUILLERMO: ['MEMO', 'GUILLE'],
  HUMBERTO: ['BETO'],
  IGNACIO: ['NACHO'],
  ISABEL: ['CHABELA', 'ISA', 'CHAVELA'],
  JAVIER: ['JAVI'],
  JESUS: ['CHUCHO', 'CHUY', 'CHUS'],
  JOSE: ['PEPE', 'CHEPE', 'PEPITO', 'CHEO', 'JOE'],
  JOSEFA: ['PEPA', 'PEPITA', 'CHEPA'],
  JUAN: ['JUANITO'],
  LUIS: ['LUCHO', 'WICHO'],
  MANUEL: ['MANOLO', 'MANU', 'MEMO', 'MANNY'],
  MARIA: ['MA', 'MARI', 'MARUCA'],
  MERCEDES: ['MECHE', 'MERCHE'],
  RAFAEL: ['RAFA', 'RAFI'],
  RAMON: ['MONCHO'],
  REFUGIO: ['CUCO', 'CUCA', 'CUQUITA'],
  RICARDO: ['RICHI'],
  ROBERTO: ['BETO'],
  RODOLFO: ['RUDY', 'FITO'],
  ROSARIO: ['CHARO', 'CHAYO'],
  SALVADOR: ['CHAVA', 'CHAVO', 'SAL'],
  SANTIAGO: ['CHAGO', 'SANTI'],
  SOLEDAD: ['CHOLE', 'SOLE'],
  TERESA: ['TERE', 'TETE', 'TERRY'],
  VICENTE: ['CHENTE'],
  ALFONSO: ['PONCHO'],
  ALFREDO: ['FREDO', 'FREDDY', 'FREDY'],
  ASUNCION: ['CHON', 'CHONITA'],
  AURORA: ['YOYA'],
  BEATRIZ: ['BETTY', 'BETY'],
  CARLOS: ['CARLITOS', 'CHARLIE'],
  CECILIA: ['CECI', 'CHECHI'],
  CRISTINA: ['CRIS', 'TINA'],
  ELENA: ['NENA'],
  ESPERANZA: ['ESPE', 'LANCHA'],
  EUSEBIO: ['CHEVO'],
  FELIPE: ['PIPE'],
  GABRIELA: ['GABY', 'GABI'],
  GILBERTO: ['BETO', 'GIL'],
  GONZALO: ['CHALO'],
  GREGORIO: ['GOYO'],
  HERIBERTO: ['BETO'],
  ISIDRO: ['CHILO'],
  JOAQUIN: ['QUINO'],
  JORGE: ['COQUE'],
  JOSEFINA: ['FINA', 'CHEPINA', 'JOSIE'],
  LORENZO: ['LENCHO'],
  MARGARITA: ['MAGO', 'MARGO', 'MAGGIE'],
  MIGUEL: ['MIKE', 'MIGUELITO'],
  NATALIA: ['NATY', 'NATI'],
  PEDRO: ['PERICO', 'PEDRITO'],
  RAQUEL: ['QUELA'],
  REYNALDO: ['NALDO', 'REY'],
  ROGELIO: ['ROGE', 'CHELO'],
  ROSA: ['ROSITA', 'CHAYITO'],
  SOCORRO: ['COCO', 'SOCO'],
  SUSANA: ['SUSY', 'SUSI', 'SUE'],
  VERONICA: ['VERO', 'RONNIE'],
  YOLANDA: ['YOLI'],
  ADRIANA: ['ADRI'],
  ALICIA: ['ALI', 'LICHA'],
  ARMANDO: ['MANDO'],
  CRISTOBAL: ['TOBAL'],
  DOMINGO: ['MINGO'],
  EMILIO: ['MILO'],
  ERNESTO: ['NETO'],
  ESTEBAN: ['TEBAN'],
  FAUSTINO: ['TINO'],
  GUSTAVO: ['TAVO'],
  HORACIO: ['LACHO'],
  LETICIA: ['LETY', 'LETI'],
  MAGDALENA: ['MAGDA', 'MALENA'],
  MAURICIO: ['MAURO'],
  OCTAVIO: ['TAVO'],
  RODRIGO: ['RODRI'],
  SILVIA: ['CHIVIS'],
  VICTOR: ['VITO'],
  ANTONIA: ['TOÑA', 'TONA'],
  CATALINA: ['CATA'],
  JUANA: ['JUANITA'],
  LEONARDO: ['LEO'],
  LUCIA: ['LUCHA'],
  SERGIO: ['CHECHO'],
};

const fold = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '');

/** Every formal name each nickname may stand for. */
function buildIndex(): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const [formal, nicknames] of Object.entries(FORMAL_NAMES)) {
    for (const nickname of nicknames) {
      const forms = index.get(fold(nickname)) ?? [];
      if (!forms.includes(formal)) forms.push(formal);
      index.set(fold(nickname), forms);
    }
  }
  for (const forms of index.values()) forms.sort();
  return index;
}

const FORMAL_NAMES_BY_NICKNAME = buildIndex();

/**
 * The formal given names a folded token may stand for (KATHY → CATHERINE, KATHLEEN), sorted; a
 * token that is no nickname stands for itself.
 */
export function formalGivenNames(token: string): readonly string[] {
  return FORMAL_NAMES_BY_NICKNAME.get(token) ?? [token];
}

/**
 * Each formal name's nicknames (WILLIAM → BILL, BILLY, WILL, …), folded and sorted: the other
 * direction of the relation, for comparing a request's given name with the nicknames of the
 * formal name on the record.
 */
export function nicknamesByFormalName(): ReadonlyMap<string, readonly string[]> {
  const byFormal = new Map<string, Set<string>>();
  for (const [nickname, formals] of FORMAL_NAMES_BY_NICKNAME)
    for (const formal of formals) byFormal.set(formal, (byFormal.get(formal) ?? new Set()).add(nickname));
  return new Map(
    [...byFormal].sort(([a], [b]) => (a < b ? -1 : 1)).map(([formal, names]) => [formal, [...names].sort()]),
  );
}

/** The formal names themselves: a token that is one is a name in its own right, never a misspelt nickname. */
const FORMAL = new Set([...Object.keys(FORMAL_NAMES).map(fold), ...COGNATE_NAMES]);

/**
 * Nicknames this short are left alone: one letter changes a three-letter nickname into another
 * name (JIM, KIM, TIM), where a four-letter one stays recognisable (JIMY for JIMMY).
 */
const MIN_MISSPELT_NICKNAME = 4;

/** Letters beside each other on a QWERTY keyboard, in a row: the keys a finger slips onto. */
const KEYBOARD_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const besideOnKeyboard = (a: string, b: string) =>
  KEYBOARD_ROWS.some((row) => {
    const i = row.indexOf(a);
    return i >= 0 && (row[i - 1] === b || row[i + 1] === b);
  });

/**
 * The slips of a typist that leave a nickname recognisable: a letter doubled or a double letter
 * written once (JIMY for JIMMY, PEPPE for PEPE), a key struck beside the right one (JIMNY), or two
 * adjacent letters swapped (MIEK, CHUKC). Not any one-letter change: a letter dropped or replaced
 * by another in a short nickname mostly gives another person's name (CAROL and CARL, DONNY and
 * DONNA, MARI and MARK, JAKE and JAE); a swap rarely does (JAIME, which is JAMES in Spanish anyway,
 * and CHLOE: 318 of some 93,000 names of the synth and pseudopeople references).
 */
function typistSlipOf(token: string, nickname: string): boolean {
  if (token.length === nickname.length) {
    const differ = [...token].flatMap((c, i) => (c === nickname[i] ? [] : [i]));
    const [at, next] = differ;
    if (at === undefined) return false;
    if (differ.length === 1) return besideOnKeyboard(token[at] ?? '', nickname[at] ?? '');
    return (
      differ.length === 2 && next === at + 1 && token[at] === nickname[next] && token[next] === nickname[at]
    );
  }
  const [longer, shorter] = token.length > nickname.length ? [token, nickname] : [nickname, token];
  if (longer.length !== shorter.length + 1) return false;
  for (let i = 1; i < longer.length; i++)
    if (longer[i] === longer[i - 1] && longer.slice(0, i) + longer.slice(i + 1) === shorter) return true;
  return false;
}

const misspeltNicknameForms = new Map<string, readonly string[]>();

/**
 * The formal names a folded token may stand for, a misspelt nickname included, each with its forms
 * in the other language (RICKY → RICARDO, RICHARD; RICARDO → RICARDO, RICHARD; JUAN → JOHN, JUAN;
 * given-name-cognates.ts), so that a nickname of one form meets the other. A token that is neither
 * a nickname nor a formal name of the tables, but a typist's slip away from a nickname of four
 * letters or more with the same first letter (JIMY for JIMMY, BOBY for BOBBY, PEPPE for PEPE), may
 * stand for that nickname's formal names as well as for itself. The first letter is kept because a
 * typist rarely misses it, and a changed first letter is mostly another name (HOLLY, MOLLY). Only
 * the weaker "may stand for the same formal name" level reads these forms; what it is worth is
 * learned.
 */
export function formalGivenNamesAllowingTypo(token: string): readonly string[] {
  const forms = formalGivenNamesOrSlip(token);
  const cognates = forms.flatMap((form) => cognatesOf(form));
  return cognates.length ? [...new Set([...forms, ...cognates])].sort() : forms;
}

function formalGivenNamesOrSlip(token: string): readonly string[] {
  const exact = FORMAL_NAMES_BY_NICKNAME.get(token);
  if (exact || token.length < MIN_MISSPELT_NICKNAME || FORMAL.has(token)) return exact ?? [token];
  const cached = misspeltNicknameForms.get(token);
  if (cached) return cached;
  const forms = new Set([token]);
  for (const [nickname, formal] of FORMAL_NAMES_BY_NICKNAME)
    if (nickname.length >= MIN_MISSPELT_NICKNAME && nickname[0] === token[0] && typistSlipOf(token, nickname))
      for (const name of formal) forms.add(name);
  const sorted = [...forms].sort();
  misspeltNicknameForms.set(token, sorted);
  return sorted;
}

/**
 * The formal given name a folded token stands for (BILL → WILLIAM) when there is exactly one, or
 * the token itself: a nickname of several formal names (ALEX, LALO) is not guessed.
 */
export function canonicalGivenName(token: string): string {
  const forms = formalGivenNames(token);
  return forms.length === 1 ? (forms[0] ?? token) : token;
}
