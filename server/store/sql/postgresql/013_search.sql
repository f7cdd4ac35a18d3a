-- Full-text search over messages.body (the `search` op). Accents are folded
-- by palomar_fold, built on translate() alone: the unaccent extension needs a
-- superuser, palomar_fold only the database owner. It maps the accented and
-- upper-case letters of the Latin, Greek and Cyrillic blocks to their plain
-- lower-case letter and drops combining marks (generated from Unicode's
-- decompositions); the tsvector index and the queries both go through it.
-- An expression index needs no trigger: an UPDATE or DELETE of a message
-- re-indexes or drops its entry by itself.
CREATE OR REPLACE FUNCTION palomar_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(t,
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞàáâãäåçèéêëìíîïñòó' ||
    'ôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥ' ||
    'ĦħĨĩĪīĬĭĮįİĲĴĵĶķĹĺĻļĽľĿŁłŃńŅņŇňŊŌōŎŏŐőŒŔŕŖŗŘřŚśŜ' ||
    'ŝŞşŠšŢţŤťŦŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖ' ||
    'ƗƘƜƝƟƠơƢƤƦƧƩƬƮƯưƱƲƳƵƷƸƼǄǅǇǈǊǋǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠ' ||
    'ǡǢǣǤǦǧǨǩǪǫǬǭǮǯǰǱǲǴǵǶǷǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒ' ||
    'ȓȔȕȖȗȘșȚțȜȞȟȠȢȤȦȧȨȩȪȫȬȭȮȯȰȱȲȳȺȻȽȾɁɃɄɅɆɈɊɌɎͰͲʹͶͿΆ' ||
    'ΈΉΊΌΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίΰϊϋόύώϏϓϔϘϚ' ||
    'ϜϞϠϢϤϦϨϪϬϮϴϷϹϺϽϾϿЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНО' ||
    'ПРСТУФХЦЧШЩЪЫЬЭЮЯйѐёѓїќѝўѠѢѤѦѨѪѬѮѰѲѴѶѷѸѺѼѾҀҊҌҎҐҒ' ||
    'ҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀӁӂӃӅӇӉӋӍӐӑӒӓӔӖӗӘӚӛӜӝӞӟӠӢӣ' ||
    'ӤӥӦӧӨӪӫӬӭӮӯӰӱӲӳӴӵӶӸӹӺӼӾḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘ' ||
    'ḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈ' ||
    'ṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸ' ||
    'ṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẞẠạẢảẤấẦầẨẩẪẫẬ' ||
    'ậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜ' ||
    'ờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹỺỼỾἀἁἂἃἄἅἆἇἈἉἊἋἌἍἎἏ' ||
    'ἐἑἒἓἔἕἘἙἚἛἜἝἠἡἢἣἤἥἦἧἨἩἪἫἬἭἮἯἰἱἲἳἴἵἶἷἸἹἺἻἼἽἾἿὀὁὂὃ' ||
    'ὄὅὈὉὊὋὌὍὐὑὒὓὔὕὖὗὙὛὝὟὠὡὢὣὤὥὦὧὨὩὪὫὬὭὮὯὰάὲέὴήὶίὸόὺύ' ||
    'ὼώᾀᾁᾂᾃᾄᾅᾆᾇᾈᾉᾊᾋᾌᾍᾎᾏᾐᾑᾒᾓᾔᾕᾖᾗᾘᾙᾚᾛᾜᾝᾞᾟᾠᾡᾢᾣᾤᾥᾦᾧᾨᾩᾪᾫᾬᾭ' ||
    'ᾮᾯᾰᾱᾲᾳᾴᾶᾷᾸᾹᾺΆᾼιῂῃῄῆῇῈΈῊΉῌῐῑῒΐῖῗῘῙῚΊῠῡῢΰῤῥῦῧῨῩῪΎῬ' ||
    'ῲῳῴῶῷῸΌῺΏῼ' ||
    U&'\0300\0301\0302\0303\0304\0305\0306\0307\0308\0309\030A\030B' ||
    U&'\030C\030D\030E\030F\0310\0311\0312\0313\0314\0315\0316\0317' ||
    U&'\0318\0319\031A\031B\031C\031D\031E\031F\0320\0321\0322\0323' ||
    U&'\0324\0325\0326\0327\0328\0329\032A\032B\032C\032D\032E\032F' ||
    U&'\0330\0331\0332\0333\0334\0335\0336\0337\0338\0339\033A\033B' ||
    U&'\033C\033D\033E\033F\0340\0341\0342\0343\0344\0345\0346\0347' ||
    U&'\0348\0349\034A\034B\034C\034D\034E\034F\0350\0351\0352\0353' ||
    U&'\0354\0355\0356\0357\0358\0359\035A\035B\035C\035D\035E\035F' ||
    U&'\0360\0361\0362\0363\0364\0365\0366\0367\0368\0369\036A\036B' ||
    U&'\036C\036D\036E\036F',
    'aaaaaaæceeeeiiiiðnoooooouuuuyþaaaaaaceeeeiiiinoo' ||
    'oooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghh' ||
    'hhiiiiiiiiiĳjjkkllllllŀllnnnnnnŋooooooœrrrrrrsss' ||
    'sssssttttŧuuuuuuuuuuuuwwyyyzzzzzzɓƃƅɔƈɖɗƌǝəɛƒɠɣɩ' ||
    'ɨƙɯɲɵooƣƥʀƨʃƭʈuuʊʋƴƶʒƹƽǆǆǉǉǌǌaaiioouuuuuuuuuuaaa' ||
    'aææǥggkkooooʒʒjǳǳggƕƿnnaaææøøaaaaeeeeiiiioooorrr' ||
    'ruuuussttȝhhƞȣȥaaeeooooooooyyⱥȼƚⱦɂƀʉʌɇɉɋɍɏͱͳʹͷϳα' ||
    'εηιουωιαβγδεζηθικλμνξοπρστυφχψωιυαεηιυιυουωϗϒϒϙϛ' ||
    'ϝϟϡϣϥϧϩϫϭϯθϸϲϻͻͼͽееђгєѕііјљњћкиуџабвгдежзииклмно' ||
    'прстуфхцчшщъыьэюяиеегікиуѡѣѥѧѩѫѭѯѱѳѵѵѵѹѻѽѿҁҋҍҏґғ' ||
    'ҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷҹһҽҿӏжжӄӆӈӊӌӎааааӕееәәәжжззӡии' ||
    'ииооөөөээууууууччӷыыӻӽӿaabbbbbbccddddddddddeeeee' ||
    'eeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnn' ||
    'nnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuu' ||
    'uuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyſßaaaaaaaaaaaaa' ||
    'aaaaaaaaaaaeeeeeeeeeeeeeeeeiiiiooooooooooooooooo' ||
    'ooooooouuuuuuuuuuuuuuyyyyyyyyỻỽỿαααααααααααααααα' ||
    'εεεεεεεεεεεεηηηηηηηηηηηηηηηηιιιιιιιιιιιιιιιιοοοο' ||
    'οοοοοοοουυυυυυυυυυυυωωωωωωωωωωωωωωωωααεεηηιιοουυ' ||
    'ωωααααααααααααααααηηηηηηηηηηηηηηηηωωωωωωωωωωωωωω' ||
    'ωωααααααααααααιηηηηηεεηηηιιιιιιιιιιυυυυρρυυυυυυρ' ||
    'ωωωωωοοωωω')
$$;

CREATE INDEX messages_search ON messages
    USING GIN (to_tsvector('simple'::regconfig, palomar_fold(body)));
